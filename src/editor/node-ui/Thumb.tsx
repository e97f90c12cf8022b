import { memo } from 'react';
import { useImageUrl } from '../images/image-urls';

/** One image by hash, from an object URL (never base64). */
export const Thumb = memo(function Thumb({
  hash,
  alt,
  className,
  testId,
}: {
  hash: string;
  alt: string;
  className?: string;
  testId?: string;
}) {
  const url = useImageUrl(hash);
  if (!url)
    return (
      <span className={`thumb-missing ${className ?? ''}`} data-testid={testId} title="image not loaded">
        ?
      </span>
    );
  return <img src={url} alt={alt} className={className} data-testid={testId} draggable={false} />;
});
