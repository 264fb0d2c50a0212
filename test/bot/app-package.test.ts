import { readFile } from 'node:fs/promises';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import { renderAppIcons } from '../../bot/render-app-icons.ts';
import { describe, expect, it } from 'vitest';
import { buildAppPackage, renderManifest } from '../../bot/build-app-package.ts';
import { projectRoot } from '../helpers/processes.ts';

// A type alias (not an interface), so the manifest's Record<string, unknown> converts to it.
type Manifest = {
  id: string;
  bots: { botId: string; scopes: string[] }[];
  staticTabs: { entityId: string; name: string; contentUrl: string; websiteUrl: string; scopes: string[] }[];
  validDomains: string[];
  webApplicationInfo: unknown;
};

const settings = { teamsAppId: '11111111-2222-3333-4444-555555555555', botAppId: '66666666-7777-8888-9999-000000000000', publicBaseUrl: 'https://schulit.ego-mv.example' };

describe('Teams app package', () => {
  it('passes Microsoft\'s published JSON schema for its manifestVersion, with the version from package.json', async () => {
    const built = await JSZip.loadAsync(await buildAppPackage(settings));
    const manifest = JSON.parse(await built.file('manifest.json')!.async('string')) as { manifestVersion: string; version: string; bots: { commandLists: { commands: { title: string }[] }[] }[] };
    const schema = JSON.parse(await readFile(path.join(projectRoot, `test/fixtures/teams-manifest-schema/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`), 'utf8')) as object;
    const ajv = new Ajv.default({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    const isValid = validate(manifest);
    expect(validate.errors ?? [], JSON.stringify(validate.errors)).toEqual([]);
    expect(isValid).toBe(true);
    const { version } = JSON.parse(await readFile(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string };
    expect(manifest.version).toBe(version);
    // The schema does see what was wrong before: a 37-character command title.
    manifest.bots[0]!.commandLists[0]!.commands[0]!.title = 'Wie ist der Stand bei SIT-2026-00042?';
    expect(validate(manifest)).toBe(false);
    expect((await renderManifest({ ...settings, appVersion: '2.3.4' })).version).toBe('2.3.4');
    await expect(renderManifest({ ...settings, appVersion: '2.3' })).rejects.toThrow('1.2.3');
  });

  it('fills the manifest with the installation ids and addresses', async () => {
    const manifest = (await renderManifest(settings)) as Manifest;
    expect(manifest.id).toBe(settings.teamsAppId);
    expect(manifest.bots[0]).toMatchObject({ botId: settings.botAppId, scopes: ['personal', 'team', 'groupChat'] });
    expect(manifest.staticTabs[0]?.contentUrl).toBe('https://schulit.ego-mv.example/advisor?inTeams=1');
    expect(manifest.validDomains).toEqual(['schulit.ego-mv.example']);
    expect(manifest.webApplicationInfo).toEqual({ id: settings.botAppId, resource: `api://schulit.ego-mv.example/${settings.botAppId}` });
    expect(JSON.stringify(manifest)).not.toContain('{{');
  });

  it('adds the workspace as a personal tab with single sign-on for its own client id', async () => {
    const ssoClientId = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
    const manifest = (await renderManifest({ ...settings, publicBaseUrl: 'https://assistent.example.org:8443/', ssoClientId })) as Manifest;
    expect(manifest.staticTabs).toEqual([
      { entityId: 'arbeitsbereich', name: 'Arbeitsbereich', contentUrl: 'https://assistent.example.org:8443/advisor?inTeams=1', websiteUrl: 'https://assistent.example.org:8443/advisor', scopes: ['personal'] },
    ]);
    expect(manifest.validDomains).toEqual(['assistent.example.org:8443']);
    expect(manifest.webApplicationInfo).toEqual({ id: ssoClientId, resource: `api://assistent.example.org:8443/${ssoClientId}` });
    const custom = (await renderManifest({ ...settings, ssoClientId, ssoApplicationIdUri: `api://sso.example.org/${ssoClientId}` })) as Manifest;
    expect(custom.webApplicationInfo).toEqual({ id: ssoClientId, resource: `api://sso.example.org/${ssoClientId}` });
    await expect(renderManifest({ ...settings, ssoClientId: 'kein-guid' })).rejects.toThrow('TEAMS_SSO_CLIENT_ID');
  });

  it('zips manifest and icons of the required sizes', async () => {
    const zip = await JSZip.loadAsync(await buildAppPackage(settings));
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const size = async (name: string) => {
      const png = await zip.file(name)!.async('nodebuffer');
      return [png.readUInt32BE(16), png.readUInt32BE(20)];
    };
    expect(await size('color.png')).toEqual([192, 192]);
    expect(await size('outline.png')).toEqual([32, 32]);
  });

  it('ships crisp icons rendered from their SVG sources: anti-aliased colour, white-on-transparent outline', async () => {
    const zip = await JSZip.loadAsync(await buildAppPackage(settings));
    const pixels = async (name: string) => PNG.sync.read(await zip.file(name)!.async('nodebuffer'));
    // The committed PNGs are what the SVGs render to (`npm run icons` after editing an SVG).
    for (const { png, bytes } of await renderAppIcons()) {
      const [shipped, fresh] = [await pixels(png), PNG.sync.read(bytes)];
      expect(shipped.data.equals(fresh.data), png).toBe(true);
    }
    const color = await pixels('color.png');
    const shades = new Set<number>();
    for (let offset = 0; offset < color.data.length; offset += 4) shades.add(color.data.readUInt32BE(offset));
    // Three flat colours (background, bubble, tick) plus the smooth steps of anti-aliased edges; a jagged icon has just the three.
    expect(shades.size).toBeGreaterThan(12);
    const outline = await pixels('outline.png');
    let drawn = 0;
    for (let offset = 0; offset < outline.data.length; offset += 4) {
      const [red, green, blue, alpha] = outline.data.subarray(offset, offset + 4);
      if (alpha === 0) continue;
      drawn += 1;
      expect([red, green, blue]).toEqual([255, 255, 255]);
    }
    // Drawn, but mostly transparent: an outline, not a filled square.
    expect(drawn).toBeGreaterThan(60);
    expect(drawn).toBeLessThan(32 * 32 * 0.6);
  });

  it('refuses ids that are not GUIDs and plain http addresses', async () => {
    await expect(renderManifest({ ...settings, botAppId: 'abc' })).rejects.toThrow('GUIDs');
    await expect(renderManifest({ ...settings, publicBaseUrl: 'http://localhost:3978' })).rejects.toThrow('https');
  });
});
