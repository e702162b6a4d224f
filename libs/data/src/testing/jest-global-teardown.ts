import { stopTestDatabaseServer } from './test-database';

export default stopTestDatabaseServer;
