import { Button, Tab, TabList, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { Route } from '../router.ts';
import { useWorkspace } from '../workspace-context.ts';

const useStyles = makeStyles({
  shell: { minHeight: '100vh', backgroundColor: tokens.colorNeutralBackground2, color: tokens.colorNeutralForeground1 },
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: '12px 24px',
    padding: '8px 20px',
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  brand: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase400 },
  // Five tabs do not fit a Teams side panel: the row scrolls sideways instead of pushing the page wider.
  nav: { maxWidth: '100%', overflowX: 'auto', order: 3, '@media (min-width: 900px)': { order: 0 } },
  account: { marginLeft: 'auto', display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '4px 12px' },
  main: { padding: '20px', maxWidth: '1400px', margin: '0 auto', display: 'flex', flexDirection: 'column', gap: '16px', '@media (max-width: 640px)': { padding: '12px 8px' } },
});

type Section = 'queue' | 'bookings' | 'gaps' | 'figures' | 'admin';

function sectionOf(route: Route): Section | undefined {
  if (route.name === 'ticket') return 'queue';
  if (route.name === 'queue' || route.name === 'bookings' || route.name === 'gaps' || route.name === 'figures' || route.name === 'admin') return route.name;
  return undefined;
}

/** Header with navigation and the signed-in advisor; the page below. */
export function AppShell({ route, onSignOut, children }: { route: Route; onSignOut?: () => void; children: ReactNode }) {
  const styles = useStyles();
  const { me, navigate } = useWorkspace();
  return (
    <div className={styles.shell}>
      <header className={styles.header}>
        <Text className={styles.brand}>Schul-IT-Arbeitsbereich</Text>
        <nav aria-label="Bereiche" className={styles.nav}>
          <TabList selectedValue={sectionOf(route)} onTabSelect={(_event, data) => navigate({ name: data.value as Section })}>
            <Tab value="queue">Vorgänge</Tab>
            <Tab value="bookings">Beratungen</Tab>
            <Tab value="gaps">Wissenslücken</Tab>
            <Tab value="figures">Kennzahlen</Tab>
            {me.role === 'admin' ? <Tab value="admin">Verwaltung</Tab> : null}
          </TabList>
        </nav>
        <div className={styles.account}>
          <Text>
            Angemeldet als <strong>{me.name}</strong>
          </Text>
          {onSignOut ? (
            <Button appearance="subtle" onClick={onSignOut}>
              Abmelden
            </Button>
          ) : null}
        </div>
      </header>
      <main className={styles.main}>{children}</main>
    </div>
  );
}
