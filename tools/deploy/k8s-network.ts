import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import type { INetworkPolicyPeer } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyPeer';
import type { INetworkPolicyPort } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyPort';
import { type Labels, selects } from './k8s-inspect';

/**
 * Answers "may this connection happen?" under a set of NetworkPolicies, following the Kubernetes semantics:
 * a pod selected by no policy of a direction is open in that direction; a selected pod admits only what
 * some rule of a selecting policy allows; a connection needs both the sender's egress and the receiver's
 * ingress. Pods are described by their namespace (whose only label is the automatic
 * `kubernetes.io/metadata.name`), their labels and their named ports.
 */

export interface Pod {
  namespace: string;
  labels: Labels;
  ports?: { name?: string; containerPort: number; protocol?: string }[];
}

/** An address outside the cluster, such as a managed PostgreSQL. */
export interface External {
  ip: string;
}

export type Endpoint = Pod | External;

export interface Connection {
  from: Endpoint;
  to: Endpoint;
  port: number;
  protocol?: 'TCP' | 'UDP';
}

type Direction = 'Ingress' | 'Egress';

export function allows(policies: INetworkPolicy[], c: Connection): boolean {
  const protocol = c.protocol ?? 'TCP';
  const egress = !isPod(c.from) || admits(policies, c.from, 'Egress', c.to, c.to, c.port, protocol);
  const ingress = !isPod(c.to) || admits(policies, c.to, 'Ingress', c.from, c.to, c.port, protocol);
  return egress && ingress;
}

function isPod(e: Endpoint): e is Pod {
  return 'namespace' in e;
}

function directionsOf(p: INetworkPolicy): Direction[] {
  return (p.spec?.policyTypes as Direction[] | undefined) ?? (p.spec?.egress ? ['Ingress', 'Egress'] : ['Ingress']);
}

/** Whether `pod`'s policies for `direction` admit traffic with `peer` to `destination`:`port`. */
function admits(policies: INetworkPolicy[], pod: Pod, direction: Direction, peer: Endpoint, destination: Endpoint, port: number, protocol: string): boolean {
  const selecting = policies.filter(
    (p) => p.metadata?.namespace === pod.namespace && selects(p.spec?.podSelector, pod.labels) && directionsOf(p).includes(direction),
  );
  if (!selecting.length) return true;
  return selecting.some((p) => {
    const rules = (direction === 'Ingress' ? p.spec?.ingress : p.spec?.egress) ?? [];
    return rules.some((rule) => {
      const peers = 'from' in rule ? rule.from : 'to' in rule ? rule.to : undefined;
      const peerOk = !peers?.length || peers.some((q) => peerMatches(q, p.metadata?.namespace ?? '', peer));
      const portOk = !rule.ports?.length || rule.ports.some((q) => portMatches(q, destination, port, protocol));
      return peerOk && portOk;
    });
  });
}

function peerMatches(q: INetworkPolicyPeer, policyNamespace: string, peer: Endpoint): boolean {
  if (q.ipBlock) return !isPod(peer) && inCidr(peer.ip, q.ipBlock.cidr) && !(q.ipBlock.except ?? []).some((e) => inCidr(peer.ip, e));
  if (!isPod(peer)) return false;
  const namespaceOk = q.namespaceSelector
    ? selects(q.namespaceSelector, { 'kubernetes.io/metadata.name': peer.namespace })
    : peer.namespace === policyNamespace;
  return namespaceOk && (!q.podSelector || selects(q.podSelector, peer.labels));
}

function portMatches(q: INetworkPolicyPort, destination: Endpoint, port: number, protocol: string): boolean {
  if ((q.protocol ?? 'TCP') !== protocol) return false;
  if (q.port === undefined) return true;
  if (typeof q.port === 'string') {
    return isPod(destination) && (destination.ports ?? []).some((p) => p.name === q.port && p.containerPort === port && (p.protocol ?? 'TCP') === protocol);
  }
  return port >= q.port && port <= (q.endPort ?? q.port);
}

export function inCidr(ip: string, cidr: string): boolean {
  const [base, bits = '32'] = cidr.split('/');
  const mask = Number(bits) === 0 ? 0 : (~0 << (32 - Number(bits))) >>> 0;
  return (ipv4(ip) & mask) >>> 0 === (ipv4(base) & mask) >>> 0;
}

function ipv4(ip: string): number {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) throw new Error(`${ip} is not an IPv4 address`);
  return parts.reduce((n, p) => n * 256 + p, 0);
}
