import { Fragment } from 'react';

/** Markdown links (`[label](https://…)`) as Gemini writes them in block messages. */
const LINK = /\[([^\]\n]{1,200})\]\((https:\/\/[^\s)]{1,500})\)/g;

/** `at`: where the part starts in the message (a stable key). */
export type MessagePart = { at: number; text: string } | { at: number; text: string; href: string };

/** Splits a message into text and https links; everything else stays literal text (never HTML). */
export function messageParts(message: string): MessagePart[] {
  const parts: MessagePart[] = [];
  let last = 0;
  for (const match of message.matchAll(LINK)) {
    const at = match.index ?? 0;
    if (at > last) parts.push({ at: last, text: message.slice(last, at) });
    parts.push({ at, text: match[1] ?? '', href: match[2] ?? '' });
    last = at + match[0].length;
  }
  if (last < message.length) parts.push({ at: last, text: message.slice(last) });
  return parts.map((part) => ({ ...part, text: part.text.replace(/\*\*([^*]+)\*\*/g, '$1') }));
}

/** The same message as plain words (tooltips, titles): links keep their label only. */
export const plainMessage = (message: string): string =>
  messageParts(message)
    .map((part) => part.text)
    .join('');

/** A message from Gemini or the engine: links become real links (new tab), the rest stays text. */
export function MessageText({ message }: { message: string }) {
  return (
    <>
      {messageParts(message).map((part) =>
        'href' in part ? (
          <a key={part.at} href={part.href} target="_blank" rel="noopener noreferrer">
            {part.text}
          </a>
        ) : (
          <Fragment key={part.at}>{part.text}</Fragment>
        ),
      )}
    </>
  );
}
