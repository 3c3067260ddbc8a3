import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Row,
  Select,
  Space,
  Spin,
  Switch,
  Tag,
  Typography,
  Result,
} from 'antd';
import { FileWordOutlined, PaperClipOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import type { Dayjs } from 'dayjs';
import { CONFIRM_STATES, CONVERT_TARGETS } from '@xieshang/shared';
import { api, ApiError } from '../../api/client';
import { formatTime } from '../../format';
import { HistoryTimeline } from '../../components/HistoryTimeline';
import { ActionDialog } from './ActionDialog';
import { numberText, StatusTag } from './parts';
import { download, useProposalMeta } from './useProposals';
import type { AllowedAction, FileRef, ProposalDetail } from './types';

const Files = ({ files }: { files: FileRef[] }) =>
  files.length ? (
    <Space wrap>
      {files.map((f) => (
        <a key={f.id} href={`/api/v1/files/${f.id}`}>
          <PaperClipOutlined /> {f.name}
        </a>
      ))}
    </Space>
  ) : null;

/** 重点提案、优秀提案、公开: the office's settings of one proposal. */
function OfficePanel({ p }: { p: ProposalDetail }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const meta = useProposalMeta();
  const [keyOpen, setKeyOpen] = useState(false);
  const [form] = Form.useForm<{ year: number; supervisorMemberId: string }>();
  const put = useMutation({
    mutationFn: ({ path, body }: { path: string; body: unknown }) => api.put(`/api/v1/proposals/${p.id}/${path}`, body),
    onSuccess: () => {
      message.success('已保存');
      setKeyOpen(false);
      void client.invalidateQueries({ queryKey: ['proposal', p.id] });
      void client.invalidateQueries({ queryKey: ['proposals'] });
    },
    onError: (error: Error) => message.error(error.message),
  });
  const year = new Date().getFullYear();
  return (
    <Card title="提案委办公室" size="small" style={{ marginTop: 16 }}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <span>重点提案：</span>
          {p.isKey ? (
            <>
              <Tag color="red">{p.keyYear} 年重点提案</Tag>
              <span>督办领导：{p.supervisorName}</span>
              <Button size="small" onClick={() => put.mutate({ path: 'key', body: { isKey: false } })}>
                取消
              </Button>
            </>
          ) : (
            <Button size="small" onClick={() => setKeyOpen(true)}>
              确定为重点提案
            </Button>
          )}
        </Space>
        <Space wrap>
          <span>优秀提案：</span>
          <Switch
            checked={Boolean(p.isExcellent)}
            onChange={(v) => put.mutate({ path: 'excellent', body: { isExcellent: v, year: v ? year : undefined } })}
            aria-label="优秀提案"
          />
          {p.isExcellent ? <span>{p.excellentYear} 年</span> : null}
        </Space>
        <Space wrap>
          <span>在门户公开：</span>
          <Switch
            checked={Boolean(p.isPublic)}
            onChange={(v) => put.mutate({ path: 'publication', body: { isPublic: v } })}
            aria-label="公开"
          />
        </Space>
      </Space>
      <Modal
        open={keyOpen}
        title="确定为重点提案"
        onCancel={() => setKeyOpen(false)}
        onOk={() => form.submit()}
        okText="确定"
        cancelText="取消"
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ year }}
          onFinish={(v) => put.mutate({ path: 'key', body: { isKey: true, ...v } })}
        >
          <Form.Item name="year" label="年度" rules={[{ required: true }]}>
            <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="supervisorMemberId" label="领衔督办领导" rules={[{ required: true, message: '请选择督办领导' }]}>
            <Select options={(meta.data?.leaders ?? []).map((l) => ({ value: l.id, label: l.name }))} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

function SupervisionForm({ p }: { p: ProposalDetail }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<{ kind: 'meeting' | 'note'; date: Dayjs; content: string }>();
  const add = useMutation({
    mutationFn: (v: { kind: string; date: Dayjs; content: string }) =>
      api.post(`/api/v1/proposals/${p.id}/supervisions`, { kind: v.kind, date: v.date.format('YYYY-MM-DD'), content: v.content }),
    onSuccess: () => {
      message.success('督办记录已保存');
      form.resetFields();
      void client.invalidateQueries({ queryKey: ['proposal', p.id] });
    },
    onError: (error: Error) => message.error(error.message),
  });
  return (
    <Form form={form} layout="vertical" initialValues={{ kind: 'meeting' }} onFinish={(v) => add.mutate(v)}>
      <Space wrap>
        <Form.Item name="kind" label="类型">
          <Radio.Group
            options={[
              { value: 'meeting', label: '督办会议' },
              { value: 'note', label: '督办意见' },
            ]}
          />
        </Form.Item>
        <Form.Item name="date" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker />
        </Form.Item>
      </Space>
      <Form.Item name="content" label="内容" rules={[{ required: true, message: '请填写内容' }]}>
        <Input.TextArea autoSize={{ minRows: 2 }} />
      </Form.Item>
      <Button htmlType="submit" loading={add.isPending}>
        添加督办记录
      </Button>
    </Form>
  );
}

/** One proposal: its text, who proposed and handles it, replies and evaluations, the timeline and the actions I may take. */
export default function ProposalDetailPage() {
  const { id } = useParams();
  const [action, setAction] = useState<AllowedAction | null>(null);
  const query = useQuery({ queryKey: ['proposal', id], queryFn: () => api.get<ProposalDetail>(`/api/v1/proposals/${id}`) });
  if (query.isLoading) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (query.error)
    return <Result status={(query.error as ApiError).status === 404 ? '404' : 'error'} title={(query.error as Error).message} />;
  const p = query.data!;
  const proposers = p.proposers.map((x) => (
    <Tag key={x.memberId} color={x.role === 'lead' ? 'red' : x.confirmState === 'confirmed' ? 'blue' : 'default'}>
      {x.name}
      {x.role === 'lead' ? '（第一提案人）' : `（${CONFIRM_STATES[x.confirmState as keyof typeof CONFIRM_STATES]}）`}
    </Tag>
  ));
  return (
    <div>
      <Card>
        <Space wrap size={4} style={{ marginBottom: 8 }}>
          <StatusTag status={p.status} label={p.statusLabel} />
          {p.isKey ? <Tag color="red">重点提案</Tag> : null}
          {p.isExcellent ? <Tag color="gold">优秀提案</Tag> : null}
          {p.overdue && <Tag color="red">已超期</Tag>}
          <span>
            {p.termName} {numberText(p)}
          </span>
        </Space>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {p.subject}
        </Typography.Title>
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label="提案人">
            {p.collectiveOrgName ? <Tag color="red">{p.collectiveOrgName}</Tag> : proposers}
          </Descriptions.Item>
          <Descriptions.Item label="形式">{p.kindLabel}</Descriptions.Item>
          <Descriptions.Item label="提出时间">
            {p.session === 'plenary' ? `大会期间${p.plenaryName ? `（${p.plenaryName}）` : ''}` : '平时'}
          </Descriptions.Item>
          <Descriptions.Item label="类别">{p.category ?? '未定'}</Descriptions.Item>
          {p.dueDate && <Descriptions.Item label="办理时限">{p.dueDate}</Descriptions.Item>}
          {p.cosignDeadline && p.status === 'awaiting_cosigners' && (
            <Descriptions.Item label="联名确认期限">{p.cosignDeadline}</Descriptions.Item>
          )}
          {p.declineGround && <Descriptions.Item label="不予立案理由">{p.declineGround}</Descriptions.Item>}
          {p.convertedTo && (
            <Descriptions.Item label="已转为">
              {CONVERT_TARGETS[p.convertedTo as keyof typeof CONVERT_TARGETS]}{' '}
              {p.convertedLink?.startsWith('/opinions/') ? <Link to={p.convertedLink}>查看社情民意信息</Link> : p.convertedLink}
            </Descriptions.Item>
          )}
          {p.mergedInto && (
            <Descriptions.Item label="已并入">
              <Link to={`/proposals/${p.mergedInto.id}`}>{p.mergedInto.subject}</Link>
            </Descriptions.Item>
          )}
          {p.isKey ? <Descriptions.Item label="督办领导">{p.supervisorName}</Descriptions.Item> : null}
        </Descriptions>
        {p.allowedActions.length > 0 || p.canEdit ? (
          <div className="xs-prop-actions" style={{ marginTop: 12 }}>
            {p.canEdit && (
              <Link to={`/proposals/${p.id}/edit`}>
                <Button>修改</Button>
              </Link>
            )}
            {p.allowedActions.map((a) => (
              <Button
                key={a.action}
                type={['submit', 'register', 'assign', 'reply', 'evaluate', 'confirm', 'close'].includes(a.action) ? 'primary' : 'default'}
                onClick={() => setAction(a)}
              >
                {a.label}
              </Button>
            ))}
          </div>
        ) : null}
        <Button
          type="link"
          icon={<FileWordOutlined />}
          onClick={() => download(`/api/v1/proposals/${p.id}/docx`)}
          style={{ paddingLeft: 0, marginTop: 8 }}
        >
          导出 Word
        </Button>
      </Card>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} lg={15}>
          <Card title="提案内容" size="small" className="xs-prop-body">
            <h4>一、情况</h4>
            <p>{p.body.situation}</p>
            <h4>二、分析</h4>
            <p>{p.body.analysis}</p>
            <h4>三、建议</h4>
            <p>{p.body.suggestions}</p>
            <Files files={p.files} />
          </Card>
          {p.mergedFrom.length > 0 && (
            <Card title="并入本案的提案" size="small" style={{ marginTop: 16 }}>
              {p.mergedFrom.map((m) => (
                <div key={m.id}>
                  <Link to={`/proposals/${m.id}`}>{m.subject}</Link>
                </div>
              ))}
            </Card>
          )}
          {p.assignments.length > 0 && (
            <Card title="承办单位" size="small" style={{ marginTop: 16 }}>
              {p.assignments.map((a) => (
                <div key={a.id} style={{ marginBottom: 6 }}>
                  <Tag color={a.role === 'lead' ? 'red' : 'blue'}>{a.roleLabel}</Tag>
                  {a.unitName}　时限 {a.dueDate}
                  {a.objectionState && (
                    <div style={{ color: '#666', fontSize: 13 }}>
                      申退：{a.objectionReason}（{{ pending: '待处理', accepted: '已同意', rejected: '未同意' }[a.objectionState]}
                      {a.objectionAnswer ? `：${a.objectionAnswer}` : ''}）
                    </div>
                  )}
                </div>
              ))}
            </Card>
          )}
          {p.advices.length > 0 && (
            <Card title="会办意见" size="small" style={{ marginTop: 16 }}>
              {p.advices.map((a) => (
                <div key={a.id} style={{ marginBottom: 8 }}>
                  <b>{a.unitName}</b>（第 {a.round} 轮，{formatTime(a.createdAt)}）
                  <p style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{a.body}</p>
                </div>
              ))}
            </Card>
          )}
          {p.replies.length > 0 && (
            <Card title="答复" size="small" style={{ marginTop: 16 }}>
              {p.replies.map((r) => (
                <div key={r.id} style={{ marginBottom: 12 }} data-testid="proposal-reply">
                  <Space wrap size={4}>
                    <b>{r.unitName}</b>
                    <Tag color={r.classification === 'A' ? 'green' : r.classification === 'B' ? 'blue' : 'default'}>{r.classLabel}</Tag>
                    <span>第 {r.round} 轮</span>
                    {r.state === 'pending_review' && <Tag color="gold">待审核</Tag>}
                    {r.state === 'rejected' && <Tag>已退回：{r.reviewComment}</Tag>}
                    <span style={{ color: '#666' }}>{formatTime(r.submittedAt)}</span>
                  </Space>
                  <p style={{ whiteSpace: 'pre-wrap', margin: '4px 0' }}>{r.body}</p>
                  <Files files={r.files} />
                </div>
              ))}
            </Card>
          )}
          {p.evaluations.length > 0 && (
            <Card title="提案人评价" size="small" style={{ marginTop: 16 }}>
              {p.evaluations.map((e) => (
                <div key={e.id} style={{ marginBottom: 6 }}>
                  {e.memberName}：<Tag color={e.satisfaction === 'unsatisfied' ? 'red' : 'green'}>{e.satisfactionLabel}</Tag>（第 {e.round}{' '}
                  轮）{e.comment}
                </div>
              ))}
            </Card>
          )}
          {(p.isKey || p.supervisions.length > 0) && (
            <Card title="重点提案督办" size="small" style={{ marginTop: 16 }}>
              {p.supervisions.map((s) => (
                <div key={s.id} style={{ marginBottom: 6 }}>
                  <Tag>{s.kind === 'meeting' ? '督办会议' : '督办意见'}</Tag>
                  {s.date} {s.authorName}：{s.content}
                </div>
              ))}
              {p.isKey && p.canSupervise ? <SupervisionForm p={p} /> : null}
            </Card>
          )}
        </Col>
        <Col xs={24} lg={9}>
          <Card title="办理记录" size="small">
            <HistoryTimeline history={p.history} />
            {p.history.length === 0 && <Typography.Text type="secondary">草稿，尚未提交</Typography.Text>}
          </Card>
          {p.canManage && <OfficePanel p={p} />}
        </Col>
      </Row>
      {action && <ActionDialog proposal={p} action={action} onClose={() => setAction(null)} />}
    </div>
  );
}
