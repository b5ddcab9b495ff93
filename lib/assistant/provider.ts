import "server-only";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { env } from "@/lib/env";
import { type AssistantModel, OfflineModel } from "./offline-model";

export type RemoteModelOptions = {
  /** The API root that serves `POST /chat/completions`, e.g. https://api.openai.com/v1. */
  baseURL: string;
  apiKey?: string;
  model: string;
};

/** A chat model on any OpenAI-compatible endpoint (OpenAI, Ollama, vLLM, LM Studio…). */
export function createOpenAICompatibleModel({
  baseURL,
  apiKey,
  model,
}: RemoteModelOptions): AssistantModel {
  return createOpenAICompatible({ name: "openai-compatible", baseURL, apiKey }).chatModel(model);
}

export function assistantMode(): "offline" | "remote" {
  const { AI_BASE_URL, AI_MODEL } = env();
  return AI_BASE_URL && AI_MODEL ? "remote" : "offline";
}

/** The configured model: remote when AI_BASE_URL and AI_MODEL are set, offline otherwise. */
export function getAssistantModel(): AssistantModel {
  const { AI_BASE_URL, AI_API_KEY, AI_MODEL } = env();
  if (AI_BASE_URL && AI_MODEL) {
    return createOpenAICompatibleModel({
      baseURL: AI_BASE_URL,
      apiKey: AI_API_KEY,
      model: AI_MODEL,
    });
  }
  return new OfflineModel({ chunkDelayMs: env().AI_OFFLINE_CHUNK_DELAY_MS });
}
