import { Module } from '@nestjs/common';
import { UsersService } from '@mercato/core';
import { ContributesToMcp, type McpContribution, type McpContributor } from '@mercato/mcp';
import { UsersDomainModule } from '../users-domain.module';
import { usersTools } from './users.tools';

/** The users context as agents see it: account tools and the statistics resource. */
@ContributesToMcp()
export class UsersMcp implements McpContributor {
  constructor(private readonly users: UsersService) {}

  contribution(): McpContribution {
    return {
      tools: usersTools(this.users),
      resources: [
        {
          resource: {
            uri: 'users://stats',
            name: 'users-stats',
            title: 'User statistics',
            description: 'Admins only. Total, active and inactive accounts, and accounts per role.',
            mimeType: 'application/json',
          },
          requires: 'user:stats',
          read: (actor) => this.users.stats(actor),
        },
      ],
    };
  }
}

/** Import into the MCP gateway's module to offer the users context to agents. */
@Module({ imports: [UsersDomainModule], providers: [UsersMcp] })
export class UsersMcpModule {}
