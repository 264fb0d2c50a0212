import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { buildAppPackage, renderManifest } from '../../bot/build-app-package.ts';

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

  it('refuses ids that are not GUIDs and plain http addresses', async () => {
    await expect(renderManifest({ ...settings, botAppId: 'abc' })).rejects.toThrow('GUIDs');
    await expect(renderManifest({ ...settings, publicBaseUrl: 'http://localhost:3978' })).rejects.toThrow('https');
  });
});
