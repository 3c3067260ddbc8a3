import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Progress,
  Space,
  Spin,
  Tag,
  Timeline,
  Typography,
  Select,
  Upload,
} from 'antd';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { DEADLINE_CHANGE_STATUS_LABELS } from '@xieshang/shared';
import { api, qs } from '../../api/client';
import { options, useOrgList } from '../org/orgApi';
import { formatTime } from '../../format';
import { ItemStatusTag, sectionHeading } from './parts';
import type { AllowedAction, PlanItemDetail } from './types';

/** Which fields each action asks for; the server's declaration decides who may take it. */
const FORMS: Record<
  string,
  { fields: ('text' | 'percent' | 'files' | 'finalReport' | 'comment' | 'optionalComment' | 'date' | 'reason')[]; hint?: string }
> = {
  start: { fields: [], hint: '开始推进本项工作。' },
  report_progress: { fields: ['text', 'percent', 'files'] },
  complete: { fields: ['finalReport', 'files'], hint: '办结须报送完成情况。' },
  reopen: { fields: ['comment'] },
  comment: { fields: ['comment'] },
  request_update: { fields: ['comment'], hint: '通知主责部门报送最新进展。' },
  request_deadline_change: { fields: ['date', 'reason'] },
  approve_deadline_change: { fields: ['optionalComment'] },
  reject_deadline_change: { fields: ['comment'] },
};

interface Values {
  text?: string;
  percent?: number;
  finalReport?: string;
  comment?: string;
  optionalComment?: string;
  date?: string;
  reason?: string;
}

/** After an action or an amendment: the answer is the item as it now is; lists and plan totals refresh. */
function useItemSaved(onClose: () => void) {
  const { message } = App.useApp();
  const client = useQueryClient();
  return (data: PlanItemDetail, text: string) => {
    client.setQueryData(['plan-item', data.id], data);
    void client.invalidateQueries({ queryKey: ['plan-items'] });
    void client.invalidateQueries({ queryKey: ['plan'] });
    message.success(text);
    onClose();
  };
}

function ActionForm({ item, action, onClose }: { item: PlanItemDetail; action: AllowedAction; onClose: () => void }) {
  const { message } = App.useApp();
  const saved = useItemSaved(onClose);
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<{ id: string; name: string }[]>([]);
  const spec = FORMS[action.action] ?? { fields: [] };
  const submit = useMutation({
    mutationFn: (v: Values) => {
      const body: Record<string, unknown> = {};
      if (spec.fields.includes('text')) body.text = v.text;
      if (spec.fields.includes('percent')) body.percent = v.percent;
      if (spec.fields.includes('finalReport')) body.finalReport = v.finalReport;
      if (spec.fields.includes('files')) body.fileIds = files.map((f) => f.id);
      if (spec.fields.includes('comment')) body.comment = v.comment;
      if (spec.fields.includes('optionalComment') && v.optionalComment) body.comment = v.optionalComment;
      if (spec.fields.includes('date')) body.date = v.date;
      if (spec.fields.includes('reason')) body.reason = v.reason;
      return api.post<PlanItemDetail>(`/api/v1/plan-items/${item.id}/actions/${action.action}`, body);
    },
    onSuccess: (data) => saved(data, `已${action.label}`),
    onError: (error) => message.error(error.message),
  });
  const required = { required: true, message: '必须填写' };
  return (
    <Modal
      open
      title={action.label}
      okText="提交"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={submit.isPending}
      destroyOnHidden
    >
      {spec.hint && <Typography.Paragraph type="secondary">{spec.hint}</Typography.Paragraph>}
      <Form form={form} layout="vertical" onFinish={(v) => submit.mutate(v)} initialValues={{ percent: item.percent }}>
        {spec.fields.includes('text') && (
          <Form.Item name="text" label="进展情况" rules={[required]}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={4000} />
          </Form.Item>
        )}
        {spec.fields.includes('percent') && (
          <Form.Item name="percent" label="完成进度（%）" rules={[required]}>
            <InputNumber min={0} max={100} style={{ width: '100%' }} />
          </Form.Item>
        )}
        {spec.fields.includes('finalReport') && (
          <Form.Item name="finalReport" label="完成情况报告" rules={[required]}>
            <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={8000} />
          </Form.Item>
        )}
        {spec.fields.includes('date') && (
          <Form.Item name="date" label="调整后的完成时限" rules={[required]}>
            <Input type="date" />
          </Form.Item>
        )}
        {spec.fields.includes('reason') && (
          <Form.Item name="reason" label="理由" rules={[required]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={2000} />
          </Form.Item>
        )}
        {spec.fields.includes('comment') && (
          <Form.Item name="comment" label={action.action === 'comment' ? '督办意见' : '意见'} rules={[required]}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} />
          </Form.Item>
        )}
        {spec.fields.includes('optionalComment') && (
          <Form.Item name="optionalComment" label="意见（可不填）">
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={2000} />
          </Form.Item>
        )}
        {spec.fields.includes('files') && (
          <Form.Item label="附件">
            <Upload
              customRequest={async ({ file, onSuccess, onError }) => {
                try {
                  const saved = await api.upload<{ id: string; name: string }>('/api/v1/files', file as File);
                  setFiles((list) => [...list, saved]);
                  onSuccess?.(saved);
                } catch (error) {
                  message.error((error as Error).message);
                  onError?.(error as Error);
                }
              }}
              onRemove={(file) => setFiles((list) => list.filter((f) => f.id !== (file.response as { id: string } | undefined)?.id))}
            >
              <Button icon={<UploadOutlined />}>上传附件</Button>
            </Upload>
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

interface AmendValues {
  content: string;
  leaderIds: string[];
  departmentIds: string[];
  deadlineDate?: string;
  reason: string;
}

/** The plan office corrects an item; only what differs from the item is sent, with the reason. */
function AmendForm({ item, onClose }: { item: PlanItemDetail; onClose: () => void }) {
  const { message } = App.useApp();
  const saved = useItemSaved(onClose);
  const [form] = Form.useForm<AmendValues>();
  const departments = useOrgList('departments');
  const leaders = useQuery({
    queryKey: ['members', 'leaders'],
    queryFn: () =>
      api.get<{ items: { id: string; name: string; leaderTitle: string | null }[] }>(`/api/v1/members${qs({ leader: 1, pageSize: 100 })}`),
    staleTime: 60_000,
  });
  const leaderOptions = [
    ...item.leaders.map((l) => ({ value: l.id, label: l.name })),
    ...(leaders.data?.items ?? [])
      .filter((m) => !item.leaders.some((l) => l.id === m.id))
      .map((m) => ({ value: m.id, label: m.leaderTitle ? `${m.name}（${m.leaderTitle}）` : m.name })),
  ];
  const same = (a: string[], b: { id: string }[]) => a.length === b.length && a.every((id, i) => id === b[i]!.id);
  const submit = useMutation({
    mutationFn: (v: AmendValues) => {
      const body: Record<string, unknown> = { reason: v.reason };
      if (v.content.trim() !== item.content) body.content = v.content;
      if (!same(v.leaderIds, item.leaders)) body.leaderIds = v.leaderIds;
      if (!same(v.departmentIds, item.departments)) body.departmentIds = v.departmentIds;
      if ((v.deadlineDate || null) !== item.deadlineDate) body.deadlineDate = v.deadlineDate || null;
      return api.post<PlanItemDetail>(`/api/v1/plan-items/${item.id}/actions/amend`, body);
    },
    onSuccess: (data) => saved(data, '已修改条目'),
    onError: (error) => message.error(error.message),
  });
  const required = { required: true, message: '必须填写' };
  return (
    <Modal
      open
      title="修改条目"
      okText="保存修改"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={submit.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">修改将记入办理历程，并通知修改前后的责任领导和主责部门。</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => submit.mutate(v)}
        initialValues={{
          content: item.content,
          leaderIds: item.leaders.map((l) => l.id),
          departmentIds: item.departments.map((d) => d.id),
          deadlineDate: item.deadlineDate ?? undefined,
        }}
      >
        <Form.Item name="content" label="条目内容" rules={[required]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={4000} />
        </Form.Item>
        <Form.Item name="leaderIds" label="责任领导" rules={[required]}>
          <Select mode="multiple" options={leaderOptions} optionFilterProp="label" loading={leaders.isLoading} />
        </Form.Item>
        <Form.Item name="departmentIds" label="主责部门" rules={[required]}>
          <Select mode="multiple" options={options(departments.data?.items)} optionFilterProp="label" loading={departments.isLoading} />
        </Form.Item>
        <Form.Item name="deadlineDate" label="完成时限" extra={item.deadlineText ? `原文：${item.deadlineText}` : undefined}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="reason" label="修改理由" rules={[required]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** One plan item: its fields, what the user may do now, and the timeline of progress, supervision and changes. */
export default function PlanItemPage() {
  const { id } = useParams();
  const [acting, setActing] = useState<AllowedAction | null>(null);
  const item = useQuery({ queryKey: ['plan-item', id], queryFn: () => api.get<PlanItemDetail>(`/api/v1/plan-items/${id}`) });
  if (item.isLoading) return <Spin />;
  if (!item.data) return <Empty description={item.error?.message ?? '工作要点不存在'} />;
  const it = item.data;
  const attachments = it.progress.filter((p) => p.attachments.length);
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <span style={{ whiteSpace: 'normal' }}>
            <Link to={`/plan/${it.planId}`}>{it.planYear} 年工作要点</Link> · 第 {it.no} 项
          </span>
        }
      >
        <Typography.Paragraph type="secondary">{sectionHeading(it.sectionNo, it.sectionTitle)}</Typography.Paragraph>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{it.content}</Typography.Paragraph>
        <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small" bordered>
          <Descriptions.Item label="责任领导">{it.leaderText}</Descriptions.Item>
          <Descriptions.Item label="主责部门">{it.departmentText}</Descriptions.Item>
          <Descriptions.Item label="完成时限">
            <span style={it.overdue ? { color: '#cf1322', fontWeight: 600 } : undefined}>
              {it.deadlineText ?? '未定'}
              {it.deadlineDate && it.deadlineText !== it.deadlineDate ? `（${it.deadlineDate}）` : ''}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label="状态">
            <ItemStatusTag item={it} />
          </Descriptions.Item>
          <Descriptions.Item label="完成进度">
            <Progress percent={it.percent} size="small" status={it.overdue ? 'exception' : undefined} format={(p) => `${p}%`} />
          </Descriptions.Item>
          {it.carriedFrom && (
            <Descriptions.Item label="结转自">
              <Link to={`/plan/items/${it.carriedFrom.id}`}>
                {it.carriedFrom.year} 年第 {it.carriedFrom.no} 项
              </Link>
            </Descriptions.Item>
          )}
          {it.finalReport && <Descriptions.Item label="完成情况">{it.finalReport}</Descriptions.Item>}
        </Descriptions>
        {it.allowedActions.length > 0 && (
          <div className="xs-toolbar" style={{ marginTop: 16, marginBottom: 0 }}>
            {it.allowedActions.map((a) => (
              <Button
                key={a.action}
                type={a.action === 'report_progress' || a.action === 'comment' ? 'primary' : 'default'}
                onClick={() => setActing(a)}
              >
                {a.label}
              </Button>
            ))}
          </div>
        )}
      </Card>
      {it.deadlineChanges.some((c) => c.status === 'pending') && (
        <Card title="待审批的时限调整">
          {it.deadlineChanges
            .filter((c) => c.status === 'pending')
            .map((c) => (
              <Typography.Paragraph key={c.id}>
                {c.requestedByName}申请将完成时限由 {c.previousDate ?? '未定'} 调整为 <b>{c.requestedDate}</b>：{c.reason}
              </Typography.Paragraph>
            ))}
        </Card>
      )}
      <Card title="办理历程">
        {it.history.length ? (
          <Timeline
            className="xs-plan-timeline"
            items={[...it.history].reverse().map((h) => ({
              color: h.action === 'comment' || h.action === 'request_update' ? 'red' : h.toLabel === '已完成' ? 'green' : 'blue',
              children: (
                <>
                  <Space wrap size={4}>
                    <Tag>{h.actionLabel}</Tag>
                    <span>{h.actorName}</span>
                    <Typography.Text type="secondary">{formatTime(h.at)}</Typography.Text>
                  </Space>
                  {h.comment && <div style={{ whiteSpace: 'pre-wrap' }}>{h.comment}</div>}
                  {h.fromLabel !== h.toLabel && (
                    <Typography.Text type="secondary">
                      {h.fromLabel} → {h.toLabel}
                    </Typography.Text>
                  )}
                </>
              ),
            }))}
          />
        ) : (
          <Empty description="暂无办理记录" />
        )}
      </Card>
      {attachments.length > 0 && (
        <Card title="进展附件">
          {attachments.map((p) => (
            <div key={p.id} style={{ marginBottom: 8 }}>
              <Typography.Text type="secondary">
                {formatTime(p.createdAt)} {p.authorName}
              </Typography.Text>
              {p.attachments.map((a) => (
                <div key={a.id}>
                  <a href={`/api/v1/files/${a.id}`}>
                    <PaperClipOutlined /> {a.name}
                  </a>
                </div>
              ))}
            </div>
          ))}
        </Card>
      )}
      {it.deadlineChanges.some((c) => c.status !== 'pending') && (
        <Card title="时限调整记录">
          {it.deadlineChanges
            .filter((c) => c.status !== 'pending')
            .map((c) => (
              <Typography.Paragraph key={c.id}>
                <Tag color={c.status === 'approved' ? 'green' : 'red'}>{DEADLINE_CHANGE_STATUS_LABELS[c.status]}</Tag>
                {c.previousDate ?? '未定'} → {c.requestedDate}（{c.requestedByName}申请，{c.decidedByName}审批
                {c.decisionComment ? `：${c.decisionComment}` : ''}）
              </Typography.Paragraph>
            ))}
        </Card>
      )}
      {acting?.action === 'amend' && <AmendForm item={it} onClose={() => setActing(null)} />}
      {acting && acting.action !== 'amend' && <ActionForm item={it} action={acting} onClose={() => setActing(null)} />}
    </Space>
  );
}
