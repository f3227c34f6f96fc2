// Staff pages of the iceland module (registered inside the staff context: session, CSRF, guard).
import type { FastifyInstance } from 'fastify';

export async function icelandStaffRoutes(_app: FastifyInstance): Promise<void> {}
