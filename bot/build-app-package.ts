import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import JSZip from 'jszip';
import { projectRoot } from '../project-root.ts';

const packageDirectory = path.join(projectRoot, 'bot', 'app-package');

export interface AppPackageSettings {
  teamsAppId: string;
  botAppId: string;
  publicBaseUrl: string;
  /** Entra app of the workspace tab's single sign-on (TEAMS_SSO_CLIENT_ID); default the bot's app id. */
  ssoClientId?: string;
  /** Application ID URI of that app (TEAMS_SSO_APP_ID_URI); default api://<host>/<ssoClientId>. */
  ssoApplicationIdUri?: string;
  /** The app's version (x.y.z); Teams accepts an uploaded update only with a higher one. Default: package.json. */
  appVersion?: string;
}

/** The version in package.json: every release of the service is a new app version. */
async function packageVersion(): Promise<string> {
  const manifest = JSON.parse(await readFile(path.join(packageDirectory, '..', '..', 'package.json'), 'utf8')) as { version: string };
  return manifest.version;
}

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The manifest with the installation's ids and addresses filled in. */
export async function renderManifest({ teamsAppId, botAppId, publicBaseUrl, ssoClientId = botAppId, ssoApplicationIdUri, appVersion }: AppPackageSettings): Promise<Record<string, unknown>> {
  if (!guid.test(teamsAppId) || !guid.test(botAppId)) {
    throw new Error('TEAMS_APP_ID und MicrosoftAppId müssen GUIDs sein (Werte aus der Azure-Bot-Registrierung).');
  }
  if (!guid.test(ssoClientId)) throw new Error('TEAMS_SSO_CLIENT_ID muss eine GUID sein (Client-ID der Entra-ID-App).');
  const version = appVersion ?? (await packageVersion());
  if (!/^\d{1,9}\.\d{1,9}\.\d{1,9}$/.test(version)) throw new Error(`Die App-Version muss die Form 1.2.3 haben (erhalten: ${version}).`);
  const base = new URL(publicBaseUrl);
  if (base.protocol !== 'https:') throw new Error('PUBLIC_BASE_URL muss für Teams mit https:// beginnen.');
  // Teams only hands out SSO tokens when the resource's host is the tab's host (a validDomain).
  const ssoResource = ssoApplicationIdUri ?? `api://${base.host}/${ssoClientId}`;
  const template = await readFile(path.join(packageDirectory, 'manifest.template.json'), 'utf8');
  const values: Record<string, string> = {
    TEAMS_APP_ID: teamsAppId,
    MicrosoftAppId: botAppId,
    PUBLIC_BASE_URL: base.origin,
    PUBLIC_HOST: base.host,
    SSO_CLIENT_ID: ssoClientId,
    SSO_RESOURCE: ssoResource,
    APP_VERSION: version,
  };
  return JSON.parse(template.replace(/\{\{(\w+)\}\}/g, (_match, key: string) => JSON.stringify(values[key] ?? '').slice(1, -1))) as Record<string, unknown>;
}

/** The zip to sideload or upload to the Teams admin center: manifest.json and both icons. */
export async function buildAppPackage(settings: AppPackageSettings): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('manifest.json', JSON.stringify(await renderManifest(settings), null, 2));
  zip.file('color.png', await readFile(path.join(packageDirectory, 'color.png')));
  zip.file('outline.png', await readFile(path.join(packageDirectory, 'outline.png')));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

export async function writeAppPackage(settings: AppPackageSettings, target: string): Promise<string> {
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, await buildAppPackage(settings));
  return target;
}
