// Staff pages of the safetywalks module (registered inside the staff context: session, CSRF, guard).
import type { FastifyInstance } from 'fastify';

export async function safetyWalkStaffRoutes(_app: FastifyInstance): Promise<void> {}
