// What can happen to an observation from a safety walk once it has been written down: it is sent to the
// organisation that owns the place, which accepts it (and fixes it) or declines it. A declined
// observation can be sent again, e.g. to the right owner. Fixed is the end.

export const OBSERVATION_STATUSES = ['open', 'sent', 'accepted', 'fixed', 'declined'] as const;
export type ObservationStatus = (typeof OBSERVATION_STATUSES)[number];

const NEXT: Record<ObservationStatus, readonly ObservationStatus[]> = {
  open: ['sent'],
  sent: ['accepted', 'declined', 'fixed'],
  accepted: ['fixed', 'declined'],
  fixed: [],
  declined: ['sent'],
};

/** The statuses an observation may move to from `status`, in the order a form offers them. */
export function nextStatuses(status: ObservationStatus): readonly ObservationStatus[] {
  return NEXT[status];
}

export type TransitionProblem = 'not_allowed' | 'owner_required';

/** Why the move is refused, or undefined when it is allowed. Sending needs someone to send it to. */
export function transitionProblem(
  from: ObservationStatus,
  to: ObservationStatus,
  owner: string | null,
): TransitionProblem | undefined {
  if (!NEXT[from].includes(to)) return 'not_allowed';
  if (to === 'sent' && !owner?.trim()) return 'owner_required';
  return undefined;
}

export function isObservationStatus(value: string): value is ObservationStatus {
  return (OBSERVATION_STATUSES as readonly string[]).includes(value);
}
