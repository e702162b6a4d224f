import { platformSummary } from './k8s-compare';
import { renderOverlay, type OverlayName } from './k8s-overlays';
import { DEV_VALUES, hookOf, PRODUCTION_VALUES, renderChart, splitRelease } from './helm';

/**
 * The kustomize tree and the Helm chart are two ways to deploy one platform, kept side by side rather than one
 * generated from the other: each is read and patched by people in its own idiom. This is what stops them
 * drifting: each overlay and the chart with its matching values file must give the same objects, with the same
 * images, settings, probes, security, scaling, routes and network reachability (k8s-compare.ts says what counts).
 * k8s.spec.ts and k8s-traffic.spec.ts hold the overlays to the services' code, so the chart is held to it too.
 */
const PAIRS: [OverlayName, string, string][] = [
  ['dev', DEV_VALUES, 'mercato-dev'],
  ['prod', PRODUCTION_VALUES, 'mercato'],
];

describe.each(PAIRS)('the %s overlay and the chart with %s', (overlay, values, namespace) => {
  const kustomize = renderOverlay(overlay);
  const chart = splitRelease(renderChart({ values: [values], namespace }));
  // The chart gives each service an identity of its own (the kustomize pods run as the namespace's default one);
  // the rest must match.
  const withoutIdentities = chart.services.filter((o) => o.kind !== 'ServiceAccount');

  it('deploys the same services, settings, probes, security, scaling and routes', () => {
    const expected = platformSummary([...kustomize.services, ...kustomize.migration]);
    const actual = platformSummary([...withoutIdentities, ...chart.migration]);
    expect({ ...actual, reachable: undefined }).toEqual({ ...expected, reachable: undefined });
  });

  it('allows exactly the same connections between the pods, the ingress controller, Prometheus, DNS and the datastores', () => {
    const expected = platformSummary([...kustomize.services, ...kustomize.migration]).reachable;
    expect(platformSummary([...withoutIdentities, ...chart.migration]).reachable).toEqual(expected);
    expect(expected.length).toBeGreaterThan(20);
  });

  it('runs the migration before the services: kustomize as a separate apply, the chart as a pre-install,pre-upgrade hook', () => {
    expect(chart.migration.map((o) => o.kind).sort()).toEqual(kustomize.migration.map((o) => o.kind).sort());
    const jobs = chart.migration.filter((o) => o.kind === 'Job');
    expect(jobs.map(hookOf)).toEqual([['pre-install', 'pre-upgrade']]);
    expect(chart.services.filter((o) => hookOf(o).length)).toEqual([]);
  });
});
