// Staff pages of the promises module (registered inside the staff context: session, CSRF, guard).
import type { FastifyInstance } from 'fastify';

export async function promiseStaffRoutes(_app: FastifyInstance): Promise<void> {}
