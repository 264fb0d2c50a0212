import type { Config } from '../config.ts';
import type { EmailChannel } from '../email/create-email-channel.ts';
import type { TeamsChannel } from '../bot/create-teams-channel.ts';
import { createNotificationDeliverers } from '../handlers/deliver-notifications.ts';
import type { PrismaClient } from '../prisma/client.ts';
import { findActiveAdvisor, findAdvisorChannel, findRequesterRoute, recordHeldNotice } from '../tickets/index.ts';
import { mailSettingsOf } from './create-email-intake.ts';

/** The outbox deliverers of every kind, over the configured channels (a channel not configured simply has no sender). */
export function createDeliverers({ config, prisma, teams, email, workspaceUrl }: { config: Config; prisma: PrismaClient; teams: TeamsChannel; email: EmailChannel; workspaceUrl: (ticketNumber: string) => string }) {
  return createNotificationDeliverers({
    lookups: {
      findAdvisorChannel: () => findAdvisorChannel({ prisma }),
      findAdvisor: ({ advisorId }) => findActiveAdvisor({ prisma, advisorId }),
      findRequesterRoute: (options) => findRequesterRoute({ prisma, ...options }),
      recordHeldNotice: (options) => recordHeldNotice({ prisma, ...options }),
    },
    senders: {
      postCaseCard: teams.postCaseCard,
      sendTeamsText: teams.sendText,
      sendEmail: email.isSending ? email.send : undefined,
      hasConfiguredAdvisorChannel: Boolean(config.TEAMS_ADVISOR_CHANNEL_ID),
      advisorTeamEmail: config.ADVISOR_TEAM_EMAIL,
      messageIdDomain: mailSettingsOf(config).messageIdDomain,
    },
    workspaceUrl,
  });
}
