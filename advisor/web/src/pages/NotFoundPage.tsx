import { Text, Title2 } from '@fluentui/react-components';
import { AppLink } from '../components/AppLink.tsx';

export function NotFoundPage() {
  return (
    <section>
      <Title2 as="h1">Seite nicht gefunden</Title2>
      <Text as="p">
        Diese Adresse gibt es im Arbeitsbereich nicht. Zurück zu den <AppLink to={{ name: 'queue' }}>Vorgängen</AppLink>.
      </Text>
    </section>
  );
}
