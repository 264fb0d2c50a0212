import { Badge } from '@fluentui/react-components';
import type { TicketPriority, TicketStatus } from '../api-types.ts';
import { priorityLabels, statusLabels } from '../labels.ts';

const statusColors: Record<TicketStatus, 'brand' | 'informative' | 'warning' | 'success' | 'subtle'> = {
  neu: 'brand',
  in_bearbeitung: 'informative',
  wartet_auf_rueckmeldung: 'warning',
  geloest: 'success',
  geschlossen: 'subtle',
};

export function StatusBadge({ status }: { status: TicketStatus }) {
  return (
    <Badge appearance="tint" color={statusColors[status] ?? 'informative'}>
      {statusLabels[status] ?? status}
    </Badge>
  );
}

export function PriorityBadge({ priority }: { priority: TicketPriority }) {
  const color = priority === 'dringend' ? 'danger' : priority === 'hoch' ? 'warning' : 'informative';
  return (
    <Badge appearance={priority === 'dringend' ? 'filled' : 'outline'} color={color}>
      {priorityLabels[priority] ?? priority}
    </Badge>
  );
}
