import { startTestDatabaseServer } from './test-database';

export default startTestDatabaseServer;
