-- Questions a knowledge section declares it answers ("Fragen:" lines), indexed with high weight.
ALTER TABLE "KnowledgeChunk" ADD COLUMN "questions" TEXT[] DEFAULT ARRAY[]::TEXT[];
