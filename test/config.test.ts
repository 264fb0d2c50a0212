import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, describeConfig, loadConfig } from '../config.ts';
import { projectRoot } from './helpers/processes.ts';

describe('loadConfig', () => {
  it('gives the documented defaults with an empty environment', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3978);
    expect(config.DATA_DIR).toBe('./data');
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.LOG_LEVEL).toBe('info');
    expect(config.AI_CHAT_MODEL).toBeUndefined();
  });

  it('points links at the port the service uses when no public address is set', () => {
    expect(loadConfig({ PORT: '4100' }).PUBLIC_BASE_URL).toBe('http://localhost:4100');
    expect(loadConfig({ PORT: '4100', PUBLIC_BASE_URL: 'https://assistent.example.org' }).PUBLIC_BASE_URL).toBe('https://assistent.example.org');
    expect(loadConfig({ MAIL_INBOUND_SMTP_PORT: '2525' }).MAIL_INBOUND_HOST).toBe('127.0.0.1');
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', AI_BASE_URL: '  ' }).DATABASE_URL).toBeUndefined();
  });

  it('lists every invalid key in one error', () => {
    let caught: unknown;
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://host/db', LOG_LEVEL: 'loud', SEED_SAMPLE_DATA: 'maybe' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems;
    expect(problems.map((problem) => problem.split(':')[0]).sort()).toEqual(['DATABASE_URL', 'LOG_LEVEL', 'PORT', 'SEED_SAMPLE_DATA']);
  });

  it('never repeats a secret value in its message', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://user:s3cret@host/db' })).toThrow(ConfigError);
    try {
      loadConfig({ DATABASE_URL: 'mysql://user:s3cret@host/db' });
    } catch (error) {
      expect((error as Error).message).not.toContain('s3cret');
    }
  });

  it('accepts a PostgreSQL URL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/test' }).DATABASE_URL).toBe(
      'postgresql://postgres@127.0.0.1:5432/test',
    );
  });
});

describe('configuration documentation', () => {
  it('.env.example lists every key with its default', async () => {
    const example = await readFile(path.join(projectRoot, '.env.example'), 'utf8');
    for (const { key, defaultValue } of describeConfig()) {
      expect(example, key).toMatch(new RegExp(`^#? ?${key}=${defaultValue.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`, 'm'));
    }
  });

  it('the README table lists every key', async () => {
    const readme = await readFile(path.join(projectRoot, 'README.md'), 'utf8');
    for (const { key } of describeConfig()) expect(readme, key).toContain(`| \`${key}\``);
  });
});
