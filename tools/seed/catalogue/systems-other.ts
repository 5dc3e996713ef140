import type { SystemSpec } from "./types.js";

/** An Art. 50 chatbot (limited risk) and a minimal-risk classifier. */
export const OTHER_SYSTEMS: SystemSpec[] = [
  {
    key: "assistant", name: "Lumen Assist", version: "2.4", riskCategory: "LIMITED",
    intendedPurpose: "Answer online-banking customers' questions in chat; discloses that it is an AI system and hands over to staff on request (Art. 50(1))",
    providerName: "Lumen Bank AG", providerContact: "ai-governance@lumenbank.example",
    models: [{
      name: "assist-llm",
      versions: [{
        key: "assistant-2.4", version: "2.4.0", architecture: "Decoder-only transformer with LoRA adapters (rank 16) and retrieval over the help centre",
        designRationale: "Fine-tuning a permissively licensed 7B model keeps inference in EU regions at acceptable cost", parameterCount: 7_240_000_000,
        optimisationObjective: "next-token cross-entropy on reference answers", modalities: ["text"], licence: "Apache-2.0",
        baseModel: "open-weights 7B instruction-tuned model",
        run: {
          datasets: [{ key: "chat-labelled", role: "TRAINING" }],
          compute: [{ cluster: "par-a100", gpuCount: 16, startedAt: "2026-05-12T00:00:00Z", endedAt: "2026-05-12T20:00:00Z", energyKWh: 128 }],
          startedAt: "2026-05-12T00:00:00Z", endedAt: "2026-05-12T21:00:00Z", codeRevision: "git:lumen-assist@77ab210",
          methodology: "LoRA supervised fine-tuning, 2 epochs", parameters: { lora_rank: 16, epochs: 2, lr: 1e-4 },
        },
        metrics: [
          { name: "intent_accuracy", value: 0.93, threshold: 0.9, dataset: "chat-labelled" },
          { name: "harmful_answer_rate", value: 0.0007, threshold: 0.001, lowerIsBetter: true, dataset: "chat-labelled" },
        ],
        approvals: [{ decision: "APPROVED", by: "officer", rationale: "AI disclosure and human handover verified in acceptance test AT-77" }],
        deployments: [
          { key: "assistant-par", site: "par", environment: "production", startedAt: "2026-06-01T00:00:00Z", share: 0.12 },
          { key: "assistant-iad", site: "iad", environment: "production-us", startedAt: "2026-06-15T00:00:00Z", share: 0.05 },
        ],
        decisions: "assistant",
      }],
    }],
  },
  {
    key: "mail", name: "Lumen Mail Triage", version: "1.0", riskCategory: "MINIMAL",
    intendedPurpose: "Route supplier e-mails in the accounts-payable mailbox to the right team queue",
    providerName: "Lumen Bank AG", providerContact: "ap-automation@lumenbank.example",
    models: [{
      name: "mail-router",
      versions: [{
        key: "mail-1.0", version: "1.0.0", architecture: "Linear classifier over word and character n-grams",
        designRationale: "Small, fast and explainable; accuracy is sufficient for routing", parameterCount: 2_100_000,
        optimisationObjective: "multinomial log-loss", modalities: ["text"], licence: "proprietary",
        run: {
          datasets: [{ key: "ap-mail", role: "TRAINING" }],
          compute: [{ cluster: "dub-l40s", gpuCount: 1, startedAt: "2025-11-20T09:00:00Z", endedAt: "2025-11-20T09:40:00Z", energyKWh: 0.3 }],
          startedAt: "2025-11-20T09:00:00Z", endedAt: "2025-11-20T09:45:00Z", codeRevision: "git:mail-triage@1a2b3c4",
          methodology: "Single training run, 10% validation split", parameters: { ngrams: "1-3", dims: 100 },
        },
        metrics: [{ name: "accuracy", value: 0.95, threshold: 0.9, dataset: "ap-mail" }],
        approvals: [{ decision: "APPROVED", by: "approver", rationale: "Minimal risk; accuracy above target" }],
        deployments: [{ key: "mail-dub", site: "dub", environment: "production", startedAt: "2025-12-01T00:00:00Z", share: 0.05 }],
        decisions: "mail",
      }],
    }],
  },
];
