import { AnalyzeSentimentDto, SentimentService, SentimentView } from '@mercato/core';
import { ContributesToMcp, type McpContribution, type McpContributor, schemaOf, tool } from '@mercato/mcp';

/** Text analysis for agents: sentiment, computed locally. */
@ContributesToMcp()
export class AiMcp implements McpContributor {
  constructor(private readonly sentiment: SentimentService) {}

  contribution(): McpContribution {
    return {
      tools: [
        tool({
          name: 'analyze_sentiment',
          title: 'Analyze sentiment',
          description:
            'Classifies the sentiment of a short text (a review, a message) as positive, neutral or negative, with a score from -1 to 1 and a confidence from 0 to 1. English (en) and Spanish (es); give `language` if you know it. Runs locally with word lists, so it misses sarcasm and context: treat low confidence as a hint, not a verdict.',
          input: AnalyzeSentimentDto,
          output: schemaOf(SentimentView),
          annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
          run: (actor, dto) => this.sentiment.analyze(actor, dto),
        }),
      ],
    };
  }
}
