import { Button, Field, Input, MessageBar, MessageBarBody, MessageBarTitle, Select, TableCell, TableRow } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { AdvisorRecord, AdvisorRole } from '../api-types.ts';
import { ErrorMessage, Loading } from '../components/Feedback.tsx';
import { usePageStyles } from '../components/styles.ts';
import { DataTable } from '../components/DataTable.tsx';
import { categoryLabels, labelOf, roleLabels } from '../labels.ts';
import { useAction, useApiData } from '../use-api-data.ts';
import { useWorkspace } from '../workspace-context.ts';

/** A new token is shown exactly once: only its hash is stored on the server. */
function NewToken({ owner, token, onDismiss }: { owner: string; token: string; onDismiss: () => void }) {
  return (
    <MessageBar intent="warning" role="status" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>Neues Zugangstoken für {owner}</MessageBarTitle>
        Dieses Token wird nur jetzt angezeigt. Bitte geben Sie es sicher weiter.
        <Field label="Zugangstoken">
          <Input readOnly value={token} onFocus={(event) => event.currentTarget.select()} style={{ fontFamily: 'monospace', minWidth: '28rem' }} />
        </Field>
        <Button size="small" onClick={onDismiss} style={{ marginTop: 8 }}>
          Ausblenden
        </Button>
      </MessageBarBody>
    </MessageBar>
  );
}

function AddAdvisorForm({ onAdded }: { onAdded: (advisor: AdvisorRecord, token: string) => void }) {
  const styles = usePageStyles();
  const { api } = useWorkspace();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<AdvisorRole>('advisor');
  const [teamsAadObjectId, setTeamsAadObjectId] = useState('');
  const action = useAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      const body = { name: name.trim(), email: email.trim(), role, ...(teamsAadObjectId.trim() ? { teamsAadObjectId: teamsAadObjectId.trim() } : {}) };
      const added = await api<{ advisor: AdvisorRecord; token: string }>('/advisors', { method: 'POST', body });
      setName('');
      setEmail('');
      setTeamsAadObjectId('');
      onAdded(added.advisor, added.token);
    });
  };
  return (
    <form className={styles.section} onSubmit={submit} aria-labelledby="add-advisor-heading">
      <h2 id="add-advisor-heading" style={{ margin: 0, fontSize: 16 }}>Hinzufügen</h2>
      <ErrorMessage message={action.error} />
      <div className={styles.row}>
        <Field label="Name" required>
          <Input value={name} onChange={(_event, data) => setName(data.value)} />
        </Field>
        <Field label="E-Mail-Adresse" required>
          <Input type="email" value={email} onChange={(_event, data) => setEmail(data.value)} />
        </Field>
        <Field label="Rolle">
          <Select value={role} onChange={(_event, data) => setRole(data.value as AdvisorRole)}>
            <option value="advisor">{roleLabels.advisor}</option>
            <option value="admin">{roleLabels.admin}</option>
          </Select>
        </Field>
        <Field label="Entra-Objekt-ID (optional, für Teams)">
          <Input value={teamsAadObjectId} onChange={(_event, data) => setTeamsAadObjectId(data.value)} />
        </Field>
        <Button type="submit" appearance="primary" disabled={action.isBusy || !name.trim() || !email.trim()}>
          Hinzufügen
        </Button>
      </div>
    </form>
  );
}

/** Advisors: list, add (token shown once), change role, deactivate, issue a new token. */
export function AdvisorsAdmin() {
  const styles = usePageStyles();
  const { api, me } = useWorkspace();
  const advisors = useApiData('/advisors?all=1', () => api<{ advisors: AdvisorRecord[] }>('/advisors?all=1'));
  const [newToken, setNewToken] = useState<{ owner: string; token: string } | null>(null);
  const action = useAction();
  const update = (advisor: AdvisorRecord, changes: Partial<Pick<AdvisorRecord, 'role' | 'isActive'>>) =>
    action.run(() => api(`/advisors/${encodeURIComponent(advisor.id)}`, { method: 'PATCH', body: changes })).then((isDone) => isDone && advisors.reload());
  const issueToken = (advisor: AdvisorRecord) =>
    action.run(async () => {
      const { token } = await api<{ token: string }>(`/advisors/${encodeURIComponent(advisor.id)}/tokens`, { method: 'POST' });
      setNewToken({ owner: advisor.name, token });
    });

  return (
    <>
      {newToken ? <NewToken owner={newToken.owner} token={newToken.token} onDismiss={() => setNewToken(null)} /> : null}
      <AddAdvisorForm
        onAdded={(advisor, token) => {
          setNewToken({ owner: advisor.name, token });
          advisors.reload();
        }}
      />
      <section className={styles.section} aria-label="Beraterinnen und Berater">
        <ErrorMessage message={advisors.error ?? action.error} />
        {advisors.isLoading && !advisors.data ? <Loading /> : null}
        {advisors.data ? (
          <DataTable label="Beraterinnen und Berater" columns={['Name', 'E-Mail', 'Rolle', 'Themen / Regionen', 'Teams', 'Status', 'Aktionen']}>
            {advisors.data.advisors.map((advisor) => (
              <TableRow key={advisor.id}>
                <TableCell>{advisor.name}</TableCell>
                <TableCell>{advisor.email}</TableCell>
                <TableCell>
                  <Select aria-label={`Rolle von ${advisor.name}`} size="small" value={advisor.role} disabled={advisor.id === me.id || action.isBusy} onChange={(_event, data) => void update(advisor, { role: data.value as AdvisorRole })}>
                    <option value="advisor">{roleLabels.advisor}</option>
                    <option value="admin">{roleLabels.admin}</option>
                  </Select>
                </TableCell>
                <TableCell>{[...advisor.topics.map((topic) => labelOf(categoryLabels, topic)), ...advisor.regions].join(', ') || '–'}</TableCell>
                <TableCell>{advisor.teamsAadObjectId ? 'verknüpft' : '–'}</TableCell>
                <TableCell>{advisor.isActive ? 'aktiv' : 'deaktiviert'}</TableCell>
                <TableCell>
                  <div style={{ display: 'flex', gap: 6, flexWrap: 'wrap' }}>
                    <Button size="small" disabled={advisor.id === me.id || action.isBusy} onClick={() => void update(advisor, { isActive: !advisor.isActive })}>
                      {advisor.isActive ? 'Deaktivieren' : 'Aktivieren'}
                    </Button>
                    <Button size="small" disabled={!advisor.isActive || action.isBusy} onClick={() => void issueToken(advisor)}>
                      Neues Zugangstoken
                    </Button>
                  </div>
                </TableCell>
              </TableRow>
            ))}
          </DataTable>
        ) : null}
      </section>
    </>
  );
}
