declare const sharedTags: {
  sync(): Promise<void>;
  expire(tags: string[]): Promise<void>;
  onExpire(listener: (tag: string) => void): () => boolean;
};
export = sharedTags;
