-- Notices that cannot go anywhere yet (no advisors' route) wait here until a route appears.
ALTER TYPE "OutboxStatus" ADD VALUE 'waiting';
