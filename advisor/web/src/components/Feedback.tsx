import { MessageBar, MessageBarBody, Spinner } from '@fluentui/react-components';

/** A German error sentence from the server, announced to screen readers. */
export function ErrorMessage({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <MessageBar intent="error" role="alert">
      <MessageBarBody>{message}</MessageBarBody>
    </MessageBar>
  );
}

export function SuccessMessage({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <MessageBar intent="success" role="status">
      <MessageBarBody>{message}</MessageBarBody>
    </MessageBar>
  );
}

export function Loading({ label = 'Wird geladen …' }: { label?: string }) {
  return <Spinner size="small" label={label} />;
}
