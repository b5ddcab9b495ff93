import { type ImportResultOut, importResultSchema } from "@/lib/validation/import";
import { ApiError, errorFrom } from "./chats-api";

// POST /api/chats/import/ from the settings page. XMLHttpRequest, not fetch: fetch
// reports no upload progress, and a 50 MB file takes a while to send.

export type ImportUpload = { result: Promise<ImportResultOut>; abort: () => void };

/** The media type the server reads the file as: NDJSON by its extension, else JSON. */
export function importContentType(file: { name: string; type: string }): string {
  if (/\.(ndjson|jsonl)$/i.test(file.name)) return "application/x-ndjson";
  return "application/json";
}

/**
 * Sends the file as the request body; `onProgress` gets the fraction sent (0..1).
 * Resolves with the import's result; rejects with an ApiError (status 0: no answer).
 */
export function uploadImport(file: File, onProgress: (sent: number) => void): ImportUpload {
  const xhr = new XMLHttpRequest();
  const result = new Promise<ImportResultOut>((resolve, reject) => {
    xhr.open("POST", "/api/chats/import/");
    xhr.setRequestHeader("content-type", importContentType(file));
    xhr.responseType = "text";
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.upload.onload = () => onProgress(1);
    xhr.onerror = () =>
      reject(new ApiError(0, "network_error", "You seem to be offline. Please try again."));
    xhr.onabort = () => reject(new ApiError(0, "aborted", "The import was cancelled."));
    xhr.onload = () => {
      const response = new Response(xhr.responseText, {
        status: xhr.status,
        headers: { "retry-after": xhr.getResponseHeader("retry-after") ?? "" },
      });
      if (xhr.status >= 200 && xhr.status < 300) {
        response
          .json()
          .then((body) => resolve(importResultSchema.parse(body)))
          .catch(() =>
            reject(
              new ApiError(xhr.status, "internal_error", "The server's answer was unreadable."),
            ),
          );
        return;
      }
      void errorFrom(response).then(reject);
    };
    xhr.send(file);
  });
  return { result, abort: () => xhr.abort() };
}
