import { Module } from '@nestjs/common';
import { DatabaseStatus, DataModule } from '@mercato/data';
import { SERVICE_INFO, type ServiceInfo } from '../service-info';
import { Metrics } from './metrics';

/** The process's one Prometheus registry; import it where a provider records something. */
@Module({
  imports: [DataModule],
  providers: [
    {
      provide: Metrics,
      inject: [SERVICE_INFO, DatabaseStatus],
      useFactory: (service: ServiceInfo, db: DatabaseStatus) => {
        const metrics = new Metrics(service.name);
        metrics.watchDatabasePool(() => db.pool());
        return metrics;
      },
    },
  ],
  exports: [Metrics],
})
export class MetricsModule {}
