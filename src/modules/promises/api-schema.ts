// Response schemas of the public API; they drive serialization and the OpenAPI document.
import { Type } from 'typebox';
import { Target } from '../../domain/target-schema.ts';
import { Commitment, FollowUpChannel, Partner } from './schema.ts';

export const ErrorResponse = Type.Object(
  {
    statusCode: Type.Integer(),
    error: Type.String(),
    message: Type.String(),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
  },
  { $id: 'ErrorResponse' },
);

export const Status = Type.Union([
  Type.Literal('achieved'),
  Type.Literal('on_track'),
  Type.Literal('at_risk'),
  Type.Literal('missed'),
  Type.Literal('not_started'),
]);

export const EvaluationResponse = Type.Object({
  status: Status,
  statusLabel: Type.String({ description: 'The status in the requested language.' }),
  explanation: Type.String({ description: 'One sentence that explains the status.' }),
  period: Type.Object({ from: Type.String(), to: Type.String() }),
  current: Type.Number(),
  goal: Type.Number(),
  unit: Type.Union([
    Type.Literal('count'),
    Type.Literal('intervals'),
    Type.Literal('percent'),
    Type.Literal('done'),
  ]),
  fraction: Type.Number({ minimum: 0 }),
  forecast: Type.Union([Type.Number(), Type.Null()]),
  intervalsInPeriod: Type.Optional(Type.Integer()),
  intervalsLeft: Type.Optional(Type.Integer()),
  cases: Type.Optional(Type.Integer()),
});

export const WeekPointResponse = Type.Object({
  week: Type.String(),
  end: Type.String(),
  inWeek: Type.Number(),
  current: Type.Number(),
});

export const TargetProgressResponse = Type.Object({
  index: Type.Integer(),
  target: Target,
  suppressed: Type.Boolean({
    description: 'Figures hidden: too few cases to publish without identifying anyone.',
  }),
  evaluation: Type.Union([EvaluationResponse, Type.Null()]),
});

export const CommitmentProgressResponse = Type.Object({
  key: Type.String(),
  kind: Commitment.properties.kind,
  title: Type.String(),
  text: Type.String(),
  actors: Type.Array(Type.String()),
  unmeasuredText: Type.Optional(Type.String()),
  measurable: Type.Boolean(),
  targets: Type.Array(TargetProgressResponse),
});

export const CommitmentDetailResponse = Type.Object({
  lpo: Type.String(),
  year: Type.Integer(),
  commitment: CommitmentProgressResponse,
  weekly: Type.Array(Type.Object({ targetIndex: Type.Integer(), points: Type.Array(WeekPointResponse) }), {
    description: 'Per target: its value at the end of each ISO week so far (omitted when suppressed).',
  }),
});

export const PromiseResponse = Type.Object({
  lpo: Type.String(),
  year: Type.Integer(),
  title: Type.String(),
  validFrom: Type.String(),
  validTo: Type.String(),
  introduction: Type.String(),
  situation: Type.Optional(Type.String()),
  problems: Type.Array(Type.String()),
  partners: Type.Array(Partner),
  followUpChannels: Type.Array(FollowUpChannel),
  footnotes: Type.Array(Type.String()),
  demo: Type.Boolean({ description: 'The promise or the work behind its progress is demonstration data.' }),
  today: Type.String({ description: 'The date progress was evaluated on (Europe/Stockholm).' }),
  evaluatedYear: Type.Integer(),
  commitments: Type.Array(CommitmentProgressResponse),
});

export const LpoSummary = Type.Object({
  slug: Type.String(),
  name: Type.String(),
  region: Type.String(),
  districtAreas: Type.Array(Type.String()),
  years: Type.Array(Type.Integer()),
  currentYear: Type.Union([Type.Integer(), Type.Null()]),
});

export const LpoDetail = Type.Object({
  slug: Type.String(),
  name: Type.String(),
  region: Type.String(),
  districts: Type.Array(
    Type.Object({
      slug: Type.String(),
      name: Type.String(),
      districtArea: Type.Union([Type.String(), Type.Null()]),
      confidence: Type.Union([Type.Literal('confirmed'), Type.Literal('probable')]),
      centroid: Type.Array(Type.Number(), { minItems: 2, maxItems: 2, description: '[lon, lat], WGS84' }),
    }),
  ),
  promises: Type.Array(Type.Object({ year: Type.Integer(), title: Type.String(), demo: Type.Boolean() })),
});
