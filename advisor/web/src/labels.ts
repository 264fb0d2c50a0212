// The one vocabulary (vocabulary/index.ts) under the names the web app's components use.
export {
  actorTypeLabels as actorLabels,
  advisorRoleLabels as roleLabels,
  bookingModeLabels,
  bookingModes,
  bookingStatusLabels,
  bookingStatuses,
  categories as ticketCategories,
  categoryLabels,
  channelLabels,
  factLabels,
  labelOf,
  priorities as ticketPriorities,
  priorityLabels,
  ticketEventLabels as eventLabels,
  ticketStatusLabels as statusLabels,
  ticketStatuses,
} from '../../../vocabulary/index.ts';
