import { ManualClock } from '../../src-main/core/clock';
import { BlockingService } from '../../src-main/core/blocking/blocking-service';
import { defaultBlocklists } from '../../src-main/core/blocking/default-blocklists';
import { guardControl } from '../../src-main/core/guard-client/guard-control';
import { JsonFileSettingsStorage } from '../../src-main/core/settings/json-file-storage';
import { SettingsService } from '../../src-main/core/settings/settings-service';
import { AppsService } from '../../src-main/core/apps/apps-service';
import { defaultAppCategories } from '../../src-main/core/apps/default-apps';

// Run inside the guard's mount namespace: "Test the block" exactly as the app runs it, through getaddrinfo.
const [settingsPath, ...hosts] = process.argv.slice(2);
const settings = await SettingsService.open(new JsonFileSettingsStorage(settingsPath!), new ManualClock(0));
const service = new BlockingService({
  settings,
  data: defaultBlocklists,
  guard: guardControl({ client: null, installer: null, appVersion: 'test' }),
  ownApps: new AppsService({ settings, categories: defaultAppCategories, supported: true, platform: 'linux' }),
});
const results = [await service.testBlock(), ...(await Promise.all(hosts.map((host) => service.testBlock(host))))];
process.stdout.write(JSON.stringify(results));
service.dispose();
