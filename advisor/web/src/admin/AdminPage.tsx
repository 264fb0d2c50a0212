import { Tab, TabList, Text, Title2 } from '@fluentui/react-components';
import { useState } from 'react';
import { usePageStyles } from '../components/styles.ts';
import { useWorkspace } from '../workspace-context.ts';
import { AdvisorsAdmin } from './AdvisorsAdmin.tsx';
import { CannedRepliesAdmin } from './CannedRepliesAdmin.tsx';
import { KnowledgeAdmin } from './KnowledgeAdmin.tsx';
import { PrivacyAdmin } from './PrivacyAdmin.tsx';

type AdminSection = 'advisors' | 'canned' | 'knowledge' | 'privacy';

/** Administration: advisors, canned replies, knowledge documents, data protection (role "admin" only). */
export function AdminPage() {
  const { me } = useWorkspace();
  const styles = usePageStyles();
  const [section, setSection] = useState<AdminSection>('advisors');
  if (me.role !== 'admin') {
    return (
      <>
        <Title2 as="h1">Verwaltung</Title2>
        <Text>Die Verwaltung steht nur der Administration zur Verfügung.</Text>
      </>
    );
  }
  return (
    <>
      <Title2 as="h1">Verwaltung</Title2>
      <TabList className={styles.tabs} selectedValue={section} onTabSelect={(_event, data) => setSection(data.value as AdminSection)} aria-label="Verwaltungsbereiche">
        <Tab value="advisors">Beraterinnen und Berater</Tab>
        <Tab value="canned">Textbausteine</Tab>
        <Tab value="knowledge">Wissensbasis</Tab>
        <Tab value="privacy">Datenschutz</Tab>
      </TabList>
      {section === 'advisors' ? <AdvisorsAdmin /> : section === 'canned' ? <CannedRepliesAdmin /> : section === 'knowledge' ? <KnowledgeAdmin /> : <PrivacyAdmin />}
    </>
  );
}
