import { useState } from 'preact/hooks';
import type { PaperRecord } from '../../lib/paper';
import { sendToZotero, type ZoteroSendResult } from '../../lib/zotero/connector';

export interface SendToZoteroProps {
  /** The papers to send (the reading list's selection), read when the button is pressed. */
  papers: () => readonly PaperRecord[];
  disabled: boolean;
  /** Injected in tests; the real connector client otherwise. */
  send?: (papers: readonly PaperRecord[]) => Promise<ZoteroSendResult>;
}

type SendState = { phase: 'idle' } | { phase: 'sending'; count: number } | { phase: 'done'; result: ZoteroSendResult };

/** "Send to Zotero": posts the selection to a running Zotero desktop (lib/zotero/connector.ts) and says how it went. */
export function SendToZotero({ papers, disabled, send = (list) => sendToZotero(list) }: SendToZoteroProps) {
  const [state, setState] = useState<SendState>({ phase: 'idle' });
  const run = async () => {
    const list = papers();
    if (!list.length) return;
    setState({ phase: 'sending', count: list.length });
    setState({ phase: 'done', result: await send(list) });
  };
  return (
    <span class="send-to-zotero">
      <button type="button" disabled={disabled || state.phase === 'sending'} onClick={() => void run()}>
        Send to Zotero
      </button>
      {state.phase === 'sending' && <span role="status"> Sending {state.count} to Zotero…</span>}
      {state.phase === 'done' && state.result.ok && (
        <span role="status"> Sent {state.result.sent} {state.result.sent === 1 ? 'paper' : 'papers'} to Zotero.</span>
      )}
      {state.phase === 'done' && !state.result.ok && <span role="alert"> {state.result.message}</span>}
    </span>
  );
}
