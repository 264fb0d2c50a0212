import { Button, Label, TableCell, TableRow, Text } from '@fluentui/react-components';
import { useId, useRef, useState, type FormEvent } from 'react';
import type { IngestReport, KnowledgeDocument } from '../api-types.ts';
import { ErrorMessage, Loading } from '../components/Feedback.tsx';
import { usePageStyles } from '../components/styles.ts';
import { DataTable } from '../components/DataTable.tsx';
import { formatDate, formatDateTime } from '../format.ts';
import { useAction, useApiData } from '../use-api-data.ts';
import { useWorkspace } from '../workspace-context.ts';

const maximumUploadBytes = 10 * 1024 * 1024;
const acceptedExtensions = ['.md', '.pdf', '.docx'];

function ReportSummary({ report }: { report: IngestReport }) {
  const line = (label: string, files: string[]) => (files.length ? <li>{`${label}: ${files.join(', ')}`}</li> : null);
  return (
    <div role="status">
      <Text weight="semibold">Ergebnis des Einlesens</Text>
      <ul style={{ margin: 0, paddingLeft: 20 }}>
        {line('Neu', report.added)}
        {line('Aktualisiert', report.updated)}
        {line('Unverändert', report.unchanged)}
        {report.failed.map((failure) => (
          <li key={failure.file}>{`Fehlgeschlagen: ${failure.file} – ${failure.reason}`}</li>
        ))}
        {!report.added.length && !report.updated.length && !report.unchanged.length && !report.failed.length ? <li>Keine Dokumente gefunden.</li> : null}
      </ul>
    </div>
  );
}

function VersionList({ document }: { document: KnowledgeDocument }) {
  return (
    <ul style={{ margin: 0, paddingLeft: 16 }}>
      {document.versions.map((version) => (
        <li key={version.version}>
          {`Version ${version.version} · ${version.contentHash.slice(0, 8)} · ${formatDate(version.createdAt)}${version.isCurrent ? ' · aktuell' : ''}`}
        </li>
      ))}
    </ul>
  );
}

/** Knowledge documents with their versions; upload one file or re-ingest everything. */
export function KnowledgeAdmin() {
  const styles = usePageStyles();
  const { api } = useWorkspace();
  const documents = useApiData('/knowledge/documents', () => api<{ documents: KnowledgeDocument[] }>('/knowledge/documents'));
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [report, setReport] = useState<IngestReport | null>(null);
  const action = useAction();
  const fileInputId = useId();
  const fileInput = useRef<HTMLInputElement>(null);

  const chooseFile = (chosen: File | null) => {
    setReport(null);
    setFile(chosen);
    if (!chosen) return setFileError(null);
    const name = chosen.name.toLowerCase();
    if (!acceptedExtensions.some((extension) => name.endsWith(extension))) return setFileError('Bitte wählen Sie eine Datei im Format Markdown (.md), PDF oder Word (.docx).');
    if (chosen.size > maximumUploadBytes) return setFileError('Die Datei ist größer als 10 MB.');
    setFileError(null);
  };
  const upload = (event: FormEvent) => {
    event.preventDefault();
    if (!file || fileError) return;
    void action.run(async () => {
      const result = await api<{ report: IngestReport }>(`/knowledge/documents?fileName=${encodeURIComponent(file.name)}`, { method: 'POST', bytes: file });
      setReport(result.report);
      documents.reload();
    });
  };
  const reingest = () =>
    action.run(async () => {
      const result = await api<{ report: IngestReport }>('/knowledge/reingest', { method: 'POST' });
      setReport(result.report);
      documents.reload();
    });

  return (
    <>
      <form className={styles.section} onSubmit={upload} aria-labelledby="upload-heading">
        <h2 id="upload-heading" style={{ margin: 0, fontSize: 16 }}>Dokument hochladen</h2>
        <ErrorMessage message={fileError ?? action.error} />
        <div className={styles.row}>
          {/* Fluent has no file picker, and the browser's own speaks the browser's language ("Choose File"):
              the native input stays for keyboard, screen readers and tests, hidden behind a German button. */}
          <div style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
            <Label htmlFor={fileInputId}>Datei (.md, .pdf oder .docx, höchstens 10 MB)</Label>
            <input ref={fileInput} id={fileInputId} type="file" className={styles.visuallyHidden} accept={acceptedExtensions.join(',')} onChange={(event) => chooseFile(event.currentTarget.files?.[0] ?? null)} />
            <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8 }}>
              <Button type="button" onClick={() => fileInput.current?.click()} aria-describedby={`${fileInputId}-chosen`}>
                Datei auswählen …
              </Button>
              <Text id={`${fileInputId}-chosen`}>{file ? file.name : 'Keine Datei ausgewählt'}</Text>
            </div>
          </div>
          <Button type="submit" appearance="primary" disabled={!file || Boolean(fileError) || action.isBusy}>
            Hochladen und einlesen
          </Button>
          <Button type="button" onClick={() => void reingest()} disabled={action.isBusy}>
            Alle Dokumente neu einlesen
          </Button>
        </div>
        {report ? <ReportSummary report={report} /> : null}
      </form>
      <section className={styles.section} aria-label="Dokumente der Wissensbasis">
        <ErrorMessage message={documents.error} />
        {documents.isLoading && !documents.data ? <Loading /> : null}
        {documents.data ? (
          <DataTable label="Dokumente der Wissensbasis" columns={['Titel', 'Datei', 'Abschnitte', 'Geändert', 'Versionen']}>
            {documents.data.documents.map((document) => (
              <TableRow key={document.key}>
                <TableCell>{document.title}</TableCell>
                <TableCell>{document.sourcePath}</TableCell>
                <TableCell>{document.chunkCount}</TableCell>
                <TableCell>{formatDateTime(document.updatedAt)}</TableCell>
                <TableCell>
                  <VersionList document={document} />
                </TableCell>
              </TableRow>
            ))}
          </DataTable>
        ) : null}
      </section>
    </>
  );
}
