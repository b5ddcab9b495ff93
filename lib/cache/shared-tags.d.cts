declare const sharedTags: {
  sync(): Promise<void>;
  expire(tags: string[]): Promise<void>;
  notBefore(): number;
  onExpire(listener: (tag: string) => void): () => boolean;
};
export = sharedTags;
