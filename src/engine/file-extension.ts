const EXTENSIONS: Readonly<Record<string, string>> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
};

/** The file extension for an image type (a filename template has none: it follows the bytes). */
export const imageExtension = (mimeType: string): string => EXTENSIONS[mimeType] ?? 'png';

/** An export's file name: the filled template plus the extension its image's type calls for. */
export const exportFileName = (baseName: string, mimeType: string): string =>
  `${baseName}.${imageExtension(mimeType)}`;
