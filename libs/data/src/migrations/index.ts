import { CreateUsers1764000000000 } from './1764000000000-create-users';
import { CreateProducts1764100000000 } from './1764100000000-create-products';
import { IndexRevokedRefreshFamilies1796428800000 } from './1796428800000-index-revoked-refresh-families';
import { RefreshTokensAccountVersion1796432400000 } from './1796432400000-refresh-tokens-account-version';
import { RefreshTokensResource1796436000000 } from './1796436000000-refresh-tokens-resource';
import { CreateOauthRecords1796500000000 } from './1796500000000-create-oauth-records';
import { CreateOrders1796503600000 } from './1796503600000-create-orders';
import { AgentSpending1796507200000 } from './1796507200000-agent-spending';
import { SearchIndexPendingList1796510800000 } from './1796510800000-search-index-pending-list';

/** Listed explicitly (not globbed) so bundled apps and the CLI run exactly the same set, in order. */
export const migrations = [
  CreateUsers1764000000000,
  CreateProducts1764100000000,
  IndexRevokedRefreshFamilies1796428800000,
  RefreshTokensAccountVersion1796432400000,
  RefreshTokensResource1796436000000,
  CreateOauthRecords1796500000000,
  CreateOrders1796503600000,
  AgentSpending1796507200000,
  SearchIndexPendingList1796510800000,
];
