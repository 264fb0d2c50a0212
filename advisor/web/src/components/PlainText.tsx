import { makeStyles } from '@fluentui/react-components';

const useStyles = makeStyles({
  text: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', margin: 0 },
});

/**
 * Untrusted mail and chat text, rendered as React text only (never as HTML); line breaks are
 * kept by CSS.
 */
export function PlainText({ text, className }: { text: string; className?: string }) {
  const styles = useStyles();
  return <div className={className ? `${styles.text} ${className}` : styles.text}>{text}</div>;
}
