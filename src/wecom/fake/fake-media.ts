import { randomBytes } from 'node:crypto';
import type { Upload } from '../../http/read-upload.js';

/** An uploaded temporary file, as the fake keeps it. */
export interface FakeMediaFile {
  type: string;
  filename: string;
  data: Buffer;
  createdAt: number;
}

const TYPES = new Set(['image', 'voice', 'video', 'file']);
/** The documented limits: more than 5 bytes; a file at most 20 MB. */
const MIN_BYTES = 6;
export const MAX_MEDIA_BYTES = 20 * 1024 * 1024;
/** A media_id lasts three days. */
const TTL_MS = 3 * 86_400_000;

/** media/upload as WeCom documents it (path/90253): the file in form field "media", a media_id back. */
export class FakeMedia {
  private files = new Map<string, FakeMediaFile>();

  constructor(private readonly now: () => number) {}

  upload(type: string | null, upload: Upload | null): Record<string, unknown> {
    if (!type || !TYPES.has(type)) return { errcode: 40004, errmsg: 'invalid media type' };
    const file = upload?.file;
    if (file?.field !== 'media') return { errcode: 44001, errmsg: 'empty media data' };
    if (file.data.length < MIN_BYTES || file.data.length > MAX_MEDIA_BYTES)
      return { errcode: 40006, errmsg: 'invalid file size' };
    const mediaId = randomBytes(24).toString('base64url');
    const createdAt = this.now();
    this.files.set(mediaId, { type, filename: file.name, data: file.data, createdAt });
    return { errcode: 0, errmsg: '', type, media_id: mediaId, created_at: String(Math.floor(createdAt / 1000)) };
  }

  /** The file behind a media_id still valid, if any. */
  get(mediaId: string): FakeMediaFile | undefined {
    const f = this.files.get(mediaId);
    return f && f.createdAt + TTL_MS > this.now() ? f : undefined;
  }

  reset(): void {
    this.files.clear();
  }
}
