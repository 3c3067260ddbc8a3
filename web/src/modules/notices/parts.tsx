import { Badge, Empty, Space, Spin, Tag } from 'antd';
import { Link } from 'react-router-dom';
import type { Page } from '../../api/client';
import { formatTime } from '../../format';
import { ListPager } from '../../components/ListPager';
import type { NoticeListItem } from './types';
import './notices.css';

const KIND_COLORS: Record<string, string> = { notice: 'blue', briefing: 'gold', release: 'cyan' };
const STATE_COLORS: Record<string, string | undefined> = { draft: undefined, published: 'green', withdrawn: 'default' };

export const KindTag = ({ kind, label }: { kind: string; label: string }) => <Tag color={KIND_COLORS[kind]}>{label}</Tag>;
export const StateTag = ({ status, label }: { status: string; label: string }) => <Tag color={STATE_COLORS[status]}>{label}</Tag>;

/** A list of notices as rows that fit a phone: title, kind, who sent it and when; unread ones marked. */
export function NoticeList({
  list,
  page,
  pageSize,
  onPage,
  loading,
  managed = false,
  empty,
}: {
  list: Page<NoticeListItem> | undefined;
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
  loading: boolean;
  managed?: boolean;
  empty: string;
}) {
  if (loading) return <Spin style={{ display: 'block', margin: 32 }} />;
  if (!list?.items.length) return <Empty description={empty} />;
  return (
    <div>
      {list.items.map((n) => {
        const unread = !managed && !n.readAt;
        return (
          <div key={n.id} className={`xs-notice-item${unread ? ' xs-notice-unread' : ''}`} data-testid="notice-row">
            <Link to={`/notices/${n.id}`} className="xs-notice-title">
              {unread && <Badge status="error" text="" style={{ marginRight: 6 }} />}
              {n.title}
            </Link>
            <div className="xs-notice-meta">
              <Space size={4} wrap>
                <KindTag kind={n.kind} label={n.kindLabel} />
                {managed && <StateTag status={n.status} label={n.statusLabel} />}
                {unread && <Tag color="red">未读</Tag>}
              </Space>
              <span>{n.source ?? n.departmentName}</span>
              <span>{formatTime(n.publishedAt ?? n.createdAt)}</span>
              {managed && n.status !== 'draft' && (
                <span>
                  已读 {n.readCount} / {n.recipientCount}
                </span>
              )}
            </div>
          </div>
        );
      })}
      <ListPager total={list.total} totalCapped={list.totalCapped} page={page} pageSize={pageSize} onPage={onPage} unit="份" />
    </div>
  );
}
