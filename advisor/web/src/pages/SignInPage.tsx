import { Button, Card, Field, Input, Text, Title2, makeStyles, tokens } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '../components/Feedback.tsx';

const useStyles = makeStyles({
  page: { display: 'flex', justifyContent: 'center', padding: '48px 16px' },
  card: { width: '100%', maxWidth: '440px', padding: '24px', display: 'flex', flexDirection: 'column', gap: '16px' },
  hint: { color: tokens.colorNeutralForeground2 },
});

export interface SignInPageProps {
  message: string | null;
  isBusy: boolean;
  onSignIn: (token: string) => void;
}

/** Token sign-in for use outside Teams (and when Teams SSO fails). */
export function SignInPage({ message, isBusy, onSignIn }: SignInPageProps) {
  const styles = useStyles();
  const [token, setToken] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (token.trim()) onSignIn(token.trim());
  };
  return (
    <main className={styles.page}>
      <Card className={styles.card}>
        <Title2 as="h1">Anmeldung zum Arbeitsbereich</Title2>
        <Text className={styles.hint}>
          Melden Sie sich mit Ihrem persönlichen Zugangstoken an. Sie erhalten es von der Administration des Arbeitsbereichs. Das Token bleibt nur in diesem Browserfenster gespeichert.
        </Text>
        <ErrorMessage message={message} />
        <form onSubmit={submit}>
          <Field label="Zugangstoken" required>
            <Input type="password" name="token" autoComplete="off" value={token} onChange={(_event, data) => setToken(data.value)} />
          </Field>
          <div style={{ marginTop: 16 }}>
            <Button appearance="primary" type="submit" disabled={isBusy || !token.trim()}>
              {isBusy ? 'Anmeldung läuft …' : 'Anmelden'}
            </Button>
          </div>
        </form>
      </Card>
    </main>
  );
}
