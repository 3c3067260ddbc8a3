import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  List,
  Modal,
  Popconfirm,
  Progress,
  Segmented,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, qs, type Page } from '../../api/client';
import { formatTime } from '../../format';
import { HistoryTimeline } from '../../components/HistoryTimeline';
import { ListPager } from '../../components/ListPager';
import { KindTag, StateTag } from './parts';
import type { AllowedAction, NoticeDetail, Recipient } from './types';
import './notices.css';

const HINTS: Record<string, string> = {
  publish: '发布后发给所选范围内的每一位人员，并在其通知中提醒查阅；发布后不能再修改。',
  remind: '向尚未阅读的人员再发一次提醒。',
  withdraw: '撤回后接收人不再看到这份通知通报。',
};

/** One notice: its text for whoever it was sent to (opening it records the reading), and for its department the actions and who has read it. */
export default function NoticePage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [action, setAction] = useState<AllowedAction | null>(null);
  const [form] = Form.useForm<{ reason?: string }>();
  const notice = useQuery({ queryKey: ['notice', id], queryFn: () => api.get<NoticeDetail>(`/api/v1/notices/${id}`) });
  const n = notice.data;

  const read = useMutation({
    mutationFn: () => api.post<{ readAt: string | null }>(`/api/v1/notices/${id}/read`),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['notice', id] });
      void client.invalidateQueries({ queryKey: ['notices'] });
    },
  });
  const shouldRecordReading = Boolean(n?.received && !n.readAt && n.status === 'published');
  useEffect(() => {
    if (shouldRecordReading && read.isIdle) read.mutate();
  }, [shouldRecordReading, read]);

  const run = useMutation({
    mutationFn: ({ name, body }: { name: string; body: unknown }) => api.post<NoticeDetail>(`/api/v1/notices/${id}/actions/${name}`, body),
    onSuccess: () => {
      message.success(`已${action?.label ?? '完成'}`);
      setAction(null);
      form.resetFields();
      void client.invalidateQueries({ queryKey: ['notice', id] });
      void client.invalidateQueries({ queryKey: ['notices'] });
      void client.invalidateQueries({ queryKey: ['notice-recipients', id] });
    },
    onError: (error: Error) => message.error(error.message),
  });
  const remove = useMutation({
    mutationFn: () => api.delete(`/api/v1/notices/${id}`),
    onSuccess: () => {
      message.success('草稿已删除');
      void client.invalidateQueries({ queryKey: ['notices'] });
      navigate('/notices/managed');
    },
    onError: (error: Error) => message.error(error.message),
  });

  if (notice.error) return <Alert type="error" title={(notice.error as Error).message} />;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card loading={notice.isLoading}>
        {n && (
          <>
            <Space size={4} wrap>
              <KindTag kind={n.kind} label={n.kindLabel} />
              {n.canManage && <StateTag status={n.status} label={n.statusLabel} />}
              {n.received && n.readAt && <Tag>已读 {formatTime(n.readAt)}</Tag>}
            </Space>
            <Typography.Title level={3} style={{ marginTop: 12 }}>
              {n.title}
            </Typography.Title>
            <Descriptions column={1} size="small">
              <Descriptions.Item label="发布部门">{n.departmentName}</Descriptions.Item>
              {n.source && <Descriptions.Item label="来源">{n.source}</Descriptions.Item>}
              {n.publishedAt && (
                <Descriptions.Item label="发布时间">
                  {formatTime(n.publishedAt)} {n.publisherName}
                </Descriptions.Item>
              )}
              {n.canManage && <Descriptions.Item label="发送范围">{n.audience.labels.join('、') || '未选择'}</Descriptions.Item>}
            </Descriptions>
            {n.status === 'withdrawn' && (
              <Alert type="warning" showIcon title={`已撤回：${n.withdrawReason ?? ''}`} style={{ marginBottom: 12 }} />
            )}
            {(n.canEdit || n.allowedActions.length > 0) && (
              <Space wrap style={{ marginTop: 8 }}>
                {n.canEdit && (
                  <Link to={`/notices/${n.id}/edit`}>
                    <Button>修改</Button>
                  </Link>
                )}
                {n.allowedActions.map((a) => (
                  <Button
                    key={a.action}
                    type={a.action === 'publish' ? 'primary' : 'default'}
                    danger={a.action === 'withdraw'}
                    onClick={() => setAction(a)}
                  >
                    {a.label}
                  </Button>
                ))}
                {n.canEdit && (
                  <Popconfirm title="删除这份草稿？" okText="删除" cancelText="取消" onConfirm={() => remove.mutate()}>
                    <Button danger>删除</Button>
                  </Popconfirm>
                )}
              </Space>
            )}
          </>
        )}
      </Card>
      {n && (
        <Card title="正文">
          <div className="xs-notice-body" data-testid="notice-body">
            {n.body}
          </div>
        </Card>
      )}
      {n?.canManage && n.status !== 'draft' && <ReadingCard notice={n} />}
      {n?.canManage && n.history.length > 0 && (
        <Card title="办理记录">
          <HistoryTimeline history={n.history} />
        </Card>
      )}
      <Modal
        open={Boolean(action)}
        title={action?.label}
        okText={`确定${action?.label ?? ''}`}
        cancelText="取消"
        okButtonProps={{ danger: action?.action === 'withdraw', loading: run.isPending }}
        onCancel={() => setAction(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <p style={{ color: '#666' }}>{action && HINTS[action.action]}</p>
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => action && run.mutate({ name: action.action, body: action.action === 'withdraw' ? { reason: v.reason } : {} })}
        >
          {action?.action === 'withdraw' && (
            <Form.Item name="reason" label="撤回理由" rules={[{ required: true, min: 2, message: '请写明撤回理由（至少 2 个字）' }]}>
              <Input.TextArea rows={3} maxLength={500} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Space>
  );
}

const READ_FILTERS: Record<string, 'read' | 'unread' | undefined> = { 未读: 'unread', 已读: 'read', 全部: undefined };
const RECIPIENT_PAGE = 50;

/** Who it went to and who has read it, unread first. */
function ReadingCard({ notice }: { notice: NoticeDetail }) {
  const [filter, setFilter] = useState('未读');
  const [page, setPage] = useState(1);
  const recipients = useQuery({
    queryKey: ['notice-recipients', notice.id, filter, page],
    queryFn: () =>
      api.get<Page<Recipient>>(
        `/api/v1/notices/${notice.id}/recipients${qs({ read: READ_FILTERS[filter], page, pageSize: RECIPIENT_PAGE })}`,
      ),
  });
  const total = notice.recipientCount ?? 0;
  const done = notice.readCount ?? 0;
  return (
    <Card title="阅读情况">
      <Space direction="vertical" style={{ width: '100%' }}>
        <div data-testid="notice-reading">
          已读 {done} / {total} 人
          <Progress percent={total ? Math.round((done / total) * 100) : 0} size="small" />
        </div>
        <Segmented
          options={Object.keys(READ_FILTERS)}
          value={filter}
          onChange={(v) => {
            setFilter(String(v));
            setPage(1);
          }}
        />
        <List
          loading={recipients.isLoading}
          dataSource={recipients.data?.items ?? []}
          locale={{ emptyText: filter === '未读' ? '都已阅读' : '暂无' }}
          renderItem={(r) => (
            <List.Item data-testid="notice-recipient">
              <span>{r.displayName}</span>
              <span style={{ color: '#666' }}>{r.readAt ? `已读 ${formatTime(r.readAt)}` : '未读'}</span>
            </List.Item>
          )}
        />
        <ListPager
          total={recipients.data?.total ?? 0}
          totalCapped={recipients.data?.totalCapped}
          page={page}
          pageSize={RECIPIENT_PAGE}
          onPage={setPage}
          unit="人"
        />
      </Space>
    </Card>
  );
}
