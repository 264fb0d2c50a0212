import type { TicketCategory, TicketPriority } from '../prisma/client.ts';

export const categoryLabels: Record<TicketCategory, string> = {
  foerderantrag: 'Förderantrag',
  rop_aenderung: 'Änderung am Roll-Out-Plan',
  mep: 'Medienentwicklungsplan / MBK',
  technik: 'Technik',
  sdm: 'SchulDiensteManagementsystem (SDM)',
  beratung: 'Beratung',
  sonstiges: 'Sonstiges',
};

export const priorityLabels: Record<TicketPriority, string> = { niedrig: 'niedrig', normal: 'normal', hoch: 'hoch', dringend: 'dringend' };
