ALTER TABLE "Booking" ADD COLUMN "meetingUrl" TEXT;
