// Staff pages of the weekend module (registered inside the staff context: session, CSRF, guard).
import type { FastifyInstance } from 'fastify';

export async function weekendStaffRoutes(_app: FastifyInstance): Promise<void> {}
