import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A loopback TCP relay to a real server (PostgreSQL, Redis) that a test can cut and restore, to see how a
 * service behaves while a dependency is unreachable and whether it recovers on its own.
 */
export class TcpProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  /** Listens (again, on the same port after a cut). */
  async open(): Promise<this> {
    const server = createServer((client) => {
      const upstream = connect(this.targetPort, this.targetHost);
      for (const [a, b] of [
        [client, upstream],
        [upstream, client],
      ] as const) {
        this.sockets.add(a);
        a.on('error', () => b.destroy());
        a.on('close', () => {
          this.sockets.delete(a);
          b.destroy();
        });
        a.pipe(b);
      }
    });
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as { port: number }).port;
    this.server = server;
    return this;
  }

  /**
   * Stops taking new connections and keeps relaying the open ones until they end: a load balancer taking a
   * backend out of rotation.
   */
  stopAccepting(): void {
    this.server?.close();
    this.server = undefined;
  }

  /** Drops every open connection and stops listening: the dependency is gone. */
  async cut(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
