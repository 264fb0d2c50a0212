import { z } from 'zod';

/**
 * The one place that reads the environment. Every key is described here; `.env.example` and the
 * README's configuration table are checked against this schema by `test/config.test.ts`.
 */
const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

export const configSchema = z.object({
  NODE_ENV: z
    .enum(['development', 'production', 'test'])
    .default('development')
    .describe('Betriebsart: development, production oder test. In production gelten strengere Prüfungen.'),
  PORT: z.coerce
    .number()
    .int()
    .min(0)
    .max(65535)
    .default(3978)
    .describe('TCP-Port des HTTP-Servers (Teams-Endpunkt, Chat-API, Arbeitsbereich); 0 = ein freier Port.'),
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(1000).default(10_000).describe('Die Kopfzeilen einer HTTP-Anfrage müssen in dieser Zeit ankommen, sonst wird die Verbindung geschlossen.'),
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).default(60_000).describe('Eine HTTP-Anfrage muss in dieser Zeit vollständig ankommen (Uploads eingeschlossen).'),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(1000).default(5_000).describe('Eine ruhende Keep-Alive-Verbindung wird nach dieser Zeit geschlossen.'),
  HTTP_MAX_CONNECTIONS: z.coerce.number().int().min(1).default(1000).describe('Höchstens so viele gleichzeitige HTTP-Verbindungen.'),
  METRICS_TOKEN: optionalText.describe('Bearer-Token für /metrics; leer = /metrics offen (dann nur im internen Netz erreichbar machen). Wird nie protokolliert.'),
  HOST: z
    .string()
    .default('0.0.0.0')
    .describe('Adresse, an die der HTTP-Server bindet.'),
  DATA_DIR: z
    .string()
    .min(1)
    .default('./data')
    .describe('Datenverzeichnis: eingebettete Datenbank (PGlite) und Anhänge.'),
  DATABASE_URL: optionalText
    .pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional())
    .describe('PostgreSQL-Verbindung (postgresql://…). Leer = eingebettete Datenbank unter DATA_DIR.'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .describe('Protokollstufe der JSON-Logs (pino).'),
  SEED_SAMPLE_DATA: booleanFlag
    .default(true)
    .describe('Beispieldaten (prisma/seed/) in eine leere Datenbank laden, true oder false.'),
  KNOWLEDGE_DIR: optionalText.describe(
    'Zusätzliches Verzeichnis mit Dokumenten (Markdown, PDF, DOCX) für die Wissensbasis.',
  ),
  DOCUMENT_PARSE_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000).describe('Zeitlimit zum Lesen eines DOCX- oder PDF-Dokuments (in einem eigenen Prozess); wer es überschreitet, wird abgelehnt.'),
  DOCUMENT_PARSE_MAX_MEMORY_MB: z.coerce.number().int().min(32).default(512).describe('Arbeitsspeicher, den das Lesen eines DOCX- oder PDF-Dokuments höchstens belegen darf.'),
  AI_BASE_URL: optionalText
    .pipe(z.url().optional())
    .describe('Basis-URL eines OpenAI-kompatiblen Endpunkts (z. B. http://localhost:11434/v1). Leer = ohne LLM.'),
  AI_API_KEY: optionalText.describe('API-Schlüssel für AI_BASE_URL (wird nie protokolliert).'),
  AI_CHAT_MODEL: optionalText.describe('Name des Chat-Modells am Endpunkt. Leer = Antworten ohne LLM.'),
  AI_EMBEDDING_MODEL: optionalText.describe('Name des Embedding-Modells. Leer = rein lexikalische Suche.'),
  AI_SEND_CONTEXT: z
    .enum(['message', 'question'])
    .default('message')
    .describe('Was das Chat-Modell sieht: message = die ganze Nachricht (zur Erkennung der Absicht) und die Frage, question = nur die Frage. Adressen und Telefonnummern werden immer maskiert.'),
  PUBLIC_BASE_URL: z
    .url()
    .default('http://localhost:3978')
    .describe('Öffentliche Adresse des Dienstes (Links in Mails, Teams-Karten, Teams-App-Paket). Ohne Angabe http://localhost:<PORT>.'),
  MicrosoftAppId: optionalText.describe('App-ID (Client-ID) der Azure-Bot-Registrierung. Leer = lokaler Modus ohne Anmeldung (nur außerhalb von production).'),
  BOT_SERVICE_URL_HOSTS: z
    .string()
    .default('smba.trafficmanager.net,*.botframework.com,smba.infra.gcc.teams.microsoft.com,smba.infra.gov.teams.microsoft.us,smba.infra.dod.teams.microsoft.us,*.botframework.azure.us')
    .describe('Hosts, an die der Bot antworten darf (serviceUrl der Aktivität; Teams: smba.trafficmanager.net, Bot-Framework-Kanäle: *.botframework.com, US-Regierungsclouds). Quelle: Microsoft Learn, „Bot Framework: Conversations“ und Teams-Dokumentation zu serviceUrl.'),
  BOT_LOCAL_MODE_ALLOW_REMOTE: booleanFlag.default(false).describe('Lokaler Modus ohne MicrosoftAppId auch für andere Rechner (nur Testumgebungen; ungeprüfte Aktivitäten!).'),
  MicrosoftAppPassword: optionalText.describe('Geheimer Clientschlüssel der Bot-Registrierung (wird nie protokolliert).'),
  MicrosoftAppType: z
    .enum(['SingleTenant', 'UserAssignedMSI', 'MultiTenant'])
    .default('SingleTenant')
    .describe('Art der Bot-Registrierung: SingleTenant oder UserAssignedMSI (neue MultiTenant-Registrierungen sind nicht mehr möglich).'),
  MicrosoftAppTenantId: optionalText.describe('Entra-ID-Mandant (Tenant-ID) der Bot-Registrierung.'),
  TEAMS_SSO_CLIENT_ID: optionalText.describe('Client-ID der Entra-ID-App für die Anmeldung im Teams-Tab (SSO). Leer = MicrosoftAppId; ohne beides nur Anmeldung mit Zugangstoken.'),
  TEAMS_SSO_TENANT_ID: optionalText.describe('Entra-ID-Mandant, dessen SSO-Token der Arbeitsbereich annimmt. Leer = MicrosoftAppTenantId; ohne Mandant kein SSO.'),
  TEAMS_SSO_APP_ID_URI: optionalText.describe('Application ID URI der SSO-App (Zielgruppe der Token), z. B. api://assistent.example.org/<Client-ID>. Leer = aus PUBLIC_BASE_URL und Client-ID gebildet.'),
  TEAMS_SSO_BIND_BY_EMAIL: booleanFlag.default(false).describe('Bei der ersten Teams-Anmeldung ein noch nicht verknüpftes Konto über die Anmeldeadresse verknüpfen (true). Standard: nur über die Entra-Objekt-ID, die die Administration einträgt, denn Microsoft nennt die Anmeldeadresse veränderlich.'),
  TEAMS_SSO_JWKS_URL: optionalText
    .pipe(z.url().optional())
    .describe('Adresse der Signaturschlüssel (JWKS) für SSO-Token. Leer = https://login.microsoftonline.com/<Mandant>/discovery/v2.0/keys.'),
  TEAMS_APP_ID: optionalText.describe('ID der Teams-App im Manifest (GUID); Standard ist MicrosoftAppId.'),
  TEAMS_ADVISOR_CHANNEL_ID: optionalText.describe('Kanal-ID (19:…@thread.tacv2) des Beraterkanals; alternativ dort „@Bot Beraterkanal registrieren“ schreiben.'),
  ADVISOR_TEAM_EMAIL: optionalText
    .pipe(z.email().optional())
    .describe('Sammeladresse des Sachgebiets für neue Vorgänge und Beratungsanfragen, wenn kein Teams-Beraterkanal eingerichtet ist.'),
  TEAMS_SERVICE_URL: z
    .url()
    .default('https://smba.trafficmanager.net/teams/')
    .describe('Bot-Connector-Adresse für Nachrichten in den konfigurierten Beraterkanal.'),
  MAIL_FROM: z
    .string()
    .min(3)
    .default('Schul-IT Assistent <schul-it@localhost>')
    .describe('Absender der Mails des Assistenten (Name <adresse>).'),
  SMTP_URL: optionalText.describe('Ausgehender SMTP-Server, z. B. smtp://benutzer:passwort@mail.example.org:587 (wird nie protokolliert). Leer = kein Versand.'),
  MAIL_INBOUND_SMTP_PORT: z.coerce.number().int().min(0).max(65535).optional().describe('Port des eingehenden SMTP-Empfängers für MTA-Weiterleitung. Leer = aus.'),
  MAIL_INBOUND_HOST: z.string().default('127.0.0.1').describe('Adresse, an die der SMTP-Empfänger bindet; Standard nur lokal. Für einen Relay auf einem anderen Rechner dessen Netz öffnen (z. B. 0.0.0.0) und MAIL_INBOUND_ALLOWED_IPS setzen.'),
  MAIL_INBOUND_ALLOWED_IPS: optionalText.describe('Kommagetrennte IP-Adressen der Mail-Relays, die einliefern dürfen; leer = jede Adresse, die den Port erreicht.'),
  MAIL_INBOUND_MAX_CLIENTS: z.coerce.number().int().min(1).default(20).describe('Höchstens so viele gleichzeitige SMTP-Verbindungen.'),
  MAIL_INBOUND_SOCKET_TIMEOUT_MS: z.coerce.number().int().min(1000).default(60_000).describe('Eine SMTP-Verbindung ohne Aktivität wird nach so vielen Millisekunden geschlossen.'),
  MAIL_TRUSTED_AUTHSERV_ID: optionalText.describe('authserv-id des eigenen Mailservers in Authentication-Results (kommagetrennt); nur dessen DMARC/DKIM/SPF-Ergebnisse zählen. Leer = Absender ungeprüft.'),
  MAIL_PARSE_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000).describe('Zeitlimit zum Lesen einer Mail (MIME, Zitate); wer es überschreitet, wird als Rohtext übernommen.'),
  MAIL_INBOUND_ADDRESSES: optionalText.describe('Kommagetrennte Empfängeradressen, die der SMTP-Empfänger annimmt; leer = die Adresse aus MAIL_FROM.'),
  MAIL_MAX_BYTES: z.coerce.number().int().min(10_000).default(26_214_400).describe('Größte angenommene Mail in Bytes.'),
  MAIL_MAX_ATTACHMENT_BYTES: z.coerce.number().int().min(1000).default(10_485_760).describe('Größter gespeicherter Anhang in Bytes (größere werden nur aufgelistet).'),
  MAIL_MAX_ATTACHMENTS: z.coerce.number().int().min(0).default(20).describe('Höchstens so viele Anhänge je Mail werden gespeichert.'),
  MAIL_AUTO_REPLIES_PER_DAY: z.coerce.number().int().min(0).default(5).describe('Höchstens so viele automatische Antworten je Adresse und Tag.'),
  IMAP_HOST: optionalText.describe('IMAP-Server des Postfachs (z. B. outlook.office365.com). Leer = kein IMAP-Abruf.'),
  IMAP_PORT: z.coerce.number().int().min(1).max(65535).default(993).describe('IMAP-Port.'),
  IMAP_SECURE: booleanFlag.default(true).describe('IMAP über TLS (true) oder unverschlüsselt nur für Testserver (false).'),
  IMAP_USER: optionalText.describe('IMAP-Benutzer (Postfachadresse).'),
  IMAP_PASSWORD: optionalText.describe('IMAP-Passwort (wird nie protokolliert).'),
  IMAP_ACCESS_TOKEN: optionalText.describe('OAuth2-Zugriffstoken für XOAUTH2 (Exchange Online) statt Passwort (wird nie protokolliert).'),
  IMAP_MAILBOX: z.string().default('INBOX').describe('Abzurufender Ordner.'),
  IMAP_PROCESSED_FOLDER: z.string().default('Processed').describe('Ordner, in den verarbeitete Mails verschoben werden.'),
  IMAP_POLL_SECONDS: z.coerce.number().int().min(5).default(60).describe('Spätestens so oft wird das Postfach geprüft (zusätzlich zu IDLE).'),
  AI_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(100)
    .default(15000)
    .describe('Zeitlimit für einen LLM-Aufruf in Millisekunden; danach Antwort ohne LLM.'),
  CHAT_RATE_LIMIT_PER_MINUTE: z.coerce
    .number()
    .int()
    .min(0)
    .default(30)
    .describe('Höchstens so viele Nachrichten je Nutzer und Minute an /api/chat; 0 = ohne Grenze. Direkte Anfragen vom Rechner selbst (Loopback ohne X-Forwarded-For) zählen nicht.'),
  CHAT_MAX_CONCURRENT: z.coerce
    .number()
    .int()
    .min(1)
    .default(4)
    .describe('So viele Chat-Nachrichten bearbeitet eine Instanz gleichzeitig; weitere warten der Reihe nach (höchstens CHAT_MAX_QUEUED, dann 503).'),
  CHAT_INTEGRATION_KEYS: optionalText.describe('Schlüssel vertrauenswürdiger Integrationen (kommagetrennt, je mindestens 32 Zeichen): Eine Chat-Anfrage mit „Authorization: Bearer <Schlüssel>“ bürgt für ihre user.email. Wird nie protokolliert.'),
  CHAT_MAX_QUEUED: z.coerce.number().int().min(0).default(200).describe('So viele Chat-Nachrichten dürfen je Instanz warten; darüber hinaus antwortet der Dienst mit 503.'),
  ADVISOR_AUTH_FAILURES_PER_MINUTE: z.coerce
    .number()
    .int()
    .min(0)
    .default(10)
    .describe('Höchstens so viele fehlgeschlagene Anmeldungen je Adresse bzw. Token-Anfang und Minute an /api/advisor, danach 429 für weitere Fehlversuche (gültige Token nie); 0 = ohne Grenze.'),
  ADVISOR_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(3650).default(90).describe('So viele Tage gilt ein neu ausgestelltes Zugangstoken der Beratung; danach stellt die Administration ein neues aus.'),
  RETENTION_CLOSED_TICKETS_DAYS: z.coerce.number().int().min(0).default(1095).describe('Tage nach dem Abschluss, nach denen ein Vorgang mit Nachrichten, Anhängen und Terminen anonymisiert wird (Nummer, Kategorie, Zeiten bleiben).'),
  RETENTION_CONVERSATIONS_DAYS: z.coerce.number().int().min(0).default(90).describe('Tage ohne Nachricht, nach denen eine Chat- oder Teams-Unterhaltung ohne offenen Vorgang anonymisiert wird.'),
  RETENTION_ANSWERS_DAYS: z.coerce.number().int().min(0).default(365).describe('Tage, die der Fragetext im Antwortprotokoll (und in den Wissenslücken) bleibt.'),
  RETENTION_OUTBOX_DAYS: z.coerce.number().int().min(0).default(30).describe('Tage, die zugestellte oder fehlgeschlagene Benachrichtigungen im Ausgangspostfach bleiben.'),
  RETENTION_DEDUPE_DAYS: z.coerce.number().int().min(0).default(180).describe('Tage, die Einträge zur Erkennung doppelt zugestellter Nachrichten bleiben.'),
  RETENTION_VERIFICATION_DAYS: z.coerce.number().int().min(0).default(7).describe('Tage, die Bestätigungscodes (als Hash) bleiben.'),
  RETENTION_INTERVAL_MINUTES: z.coerce.number().int().min(0).default(60).describe('Abstand der Läufe des Löschfristen-Jobs in Minuten; 0 = aus.'),
  CORS_ORIGINS: optionalText.describe('Kommagetrennte Ursprünge (https://…), die die API aus dem Browser aufrufen dürfen. Leer = keine CORS-Freigabe.'),
  DATABASE_RETRY_MAX_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .default(30)
    .describe('Größter Abstand in Sekunden zwischen zwei Verbindungsversuchen, solange die Datenbank beim Start nicht erreichbar ist.'),
});

// Without an app id botbuilder accepts every request unauthenticated: fine locally, never in production.
const checkedSchema = configSchema.superRefine((config, context) => {
  if (config.NODE_ENV === 'production' && !config.MicrosoftAppId) {
    context.addIssue({ code: 'custom', path: ['MicrosoftAppId'], message: 'In production ist eine Bot-Registrierung Pflicht (ohne App-ID nimmt /api/messages jede Anfrage ungeprüft an)' });
  }
  if (config.MicrosoftAppId && config.MicrosoftAppType === 'SingleTenant' && !config.MicrosoftAppTenantId) {
    context.addIssue({ code: 'custom', path: ['MicrosoftAppTenantId'], message: 'SingleTenant braucht die Tenant-ID' });
  }
});

export type Config = z.infer<typeof configSchema>;

/** Keys whose values never appear in messages or logs. */
export const secretConfigKeys = new Set(['METRICS_TOKEN', 'CHAT_INTEGRATION_KEYS', 'AI_API_KEY', 'DATABASE_URL', 'MicrosoftAppPassword', 'SMTP_URL', 'IMAP_PASSWORD', 'IMAP_ACCESS_TOKEN']);

/** Raised when the environment does not satisfy the schema; lists every problem at once. */
export class ConfigError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`Ungültige Konfiguration / invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Parses the environment once. Throws `ConfigError` naming every invalid key. */
export function loadConfig(environment: Record<string, string | undefined> = process.env): Config {
  const known = Object.keys(configSchema.shape);
  const relevant = Object.fromEntries(known.map((key) => [key, environment[key]]));
  const result = checkedSchema.safeParse(relevant);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const key = issue.path.join('.') || '(root)';
      const shown = secretConfigKeys.has(key) ? '(verborgen)' : JSON.stringify(relevant[key] ?? null);
      return `${key}: ${issue.message} (Wert: ${shown})`;
    });
    throw new ConfigError(problems);
  }
  // Links in mails and cards point at the port the service really uses when no public address is set.
  if (!environment.PUBLIC_BASE_URL?.trim() && result.data.PORT > 0) return { ...result.data, PUBLIC_BASE_URL: `http://localhost:${result.data.PORT}` };
  return result.data;
}

/** Key, default and description of every setting, for documentation checks. */
export function describeConfig(): { key: string; defaultValue: string; description: string }[] {
  return Object.entries(configSchema.shape).map(([key, schema]) => {
    const parsed = (schema as z.ZodType).safeParse(undefined);
    const defaultValue = parsed.success && parsed.data !== undefined ? String(parsed.data) : '';
    return { key, defaultValue, description: (schema as z.ZodType).description ?? '' };
  });
}
