// Learning which points are municipality centroids from the events read: a point two police events filed
// under the same location name share. The learner keeps the pairs seen once in a hash set of its own.
import { describe, expect, it } from 'vitest';
import { buildGazetteer } from '../../src/domain/event-placement.ts';
import { CentroidLearner } from '../../src/modules/situation/import/centroids.ts';
import type { EventInput } from '../../src/modules/situation/import/records.ts';

const placement = {
  gazetteer: buildGazetteer([{ name: 'Årsta', kind: 'district', districtId: 1, placeId: null }], 'Stockholm'),
  polygons: [],
};

function event(locationName: string, lat: number, lon: number): EventInput {
  return {
    source: 'polisen',
    sourceId: '1',
    occurredAt: new Date('2026-08-22T20:00:00Z'),
    publishedAt: null,
    type: 'Misshandel',
    title: 'Misshandel',
    summary: '',
    url: null,
    locationName,
    lat,
    lon,
    municipality: locationName,
    placeName: null,
  };
}

/** A point of its own for each number, farther from the others than the learner's ~100 m. */
function pointOf(n: number): [number, number] {
  return [59 + Math.floor(n / 1000) * 0.01, 17 + (n % 1000) * 0.01];
}

describe('the centroid learner', () => {
  it('learns a point on its second sighting under the same name, and knows it from then on', () => {
    const learner = new CentroidLearner(placement, []);
    expect(learner.observe(event('Stockholm', 59.329324, 18.068581))).toBe(false);
    expect(learner.observe(event('Solna', 59.329324, 18.068581))).toBe(false);
    expect(learner.observe(event('Stockholm', 59.329324, 18.068581))).toBe(true);
    // Within ~100 m of a learnt centroid, under any name: a centroid too.
    expect(learner.observe(event('Huddinge', 59.32935, 18.0686))).toBe(true);
    // One cell north-east (~140 m), as another geocoder's centre of the same municipality.
    expect(learner.observe(event('Huddinge', 59.330324, 18.069581))).toBe(true);
    // Three cells (~300 m) away it is a point of its own, seen for the first time.
    expect(learner.observe(event('Huddinge', 59.332324, 18.068581))).toBe(false);
    expect(learner.observe(event('Huddinge', 59.329324, 18.071581))).toBe(false);
    expect(learner.takeLearnt()).toEqual([{ lat: 59.329324, lon: 18.068581, locationName: 'Stockholm' }]);
  });

  it('never learns a district name, nor a point seen under one', () => {
    const learner = new CentroidLearner(placement, []);
    expect(learner.observe(event('Årsta', 59.3, 18.05))).toBe(false);
    expect(learner.observe(event('Årsta', 59.3, 18.05))).toBe(false);
    expect(learner.takeLearnt()).toEqual([]);
  });

  it('keeps a pair seen once while many other points are learnt, and forgets everything past its bound', () => {
    const learner = new CentroidLearner(placement, []);
    const waiting = event('Nacka', 58, 16);
    learner.observe(waiting);
    // 80,000 points learnt: each one's first sighting stays behind in the set as a deleted slot, until the
    // set is rebuilt without them; the pair waiting for its second sighting must survive that.
    for (let n = 0; n < 80_000; n++) {
      const [lat, lon] = pointOf(n);
      learner.observe(event('Stockholm', lat, lon));
      expect(learner.observe(event('Stockholm', lat, lon))).toBe(true);
    }
    expect(learner.observe(waiting)).toBe(true);
    expect(learner.takeLearnt()).toHaveLength(80_001);

    // 50,000 pairs seen once fill the set: it starts afresh, and a pair from before is seen for the first time.
    learner.observe(event('Nacka', 57, 15));
    for (let n = 0; n < 50_000; n++) learner.observe(event('Täby', 56 + n * 0.01, 14));
    expect(learner.observe(event('Nacka', 57, 15))).toBe(false);
    expect(learner.observe(event('Nacka', 57, 15))).toBe(true);
  });
});
