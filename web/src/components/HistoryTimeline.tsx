import { Timeline } from 'antd';
import { formatTime } from '../format';

export interface HistoryItem {
  actionLabel: string;
  toLabel: string;
  actorName: string | null;
  comment: string | null;
  at: string;
}

/** A record's workflow history (办理记录): each transition with who, when and the comment given. */
export function HistoryTimeline({ history }: { history: HistoryItem[] }) {
  return (
    <Timeline
      items={history.map((h) => ({
        children: (
          <div>
            <b>{h.actionLabel}</b>（{h.toLabel}）
            <div style={{ color: '#666', fontSize: 13 }}>
              {h.actorName} · {formatTime(h.at)}
            </div>
            {h.comment && <div style={{ whiteSpace: 'pre-wrap' }}>{h.comment}</div>}
          </div>
        ),
      }))}
    />
  );
}
