import { useState } from 'react';
import { App, Button, DatePicker, Form, Input, Modal, Radio, Select, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { ASSIGNMENT_ROLES, CONVERT_TARGETS, REPLY_CLASSES, SATISFACTION } from '@xieshang/shared';
import { FileUpload } from '../../components/FileUpload';
import { api, qs, type Page } from '../../api/client';
import { useProposalMeta } from './useProposals';
import type { AllowedAction, ProposalDetail, ProposalListItem } from './types';

type Field =
  | 'comment'
  | 'requiredComment'
  | 'category'
  | 'ground'
  | 'target'
  | 'convert'
  | 'assignments'
  | 'dueDate'
  | 'reason'
  | 'body'
  | 'reply'
  | 'approve'
  | 'satisfaction';

/** Which fields each action asks for; who may take it is decided by the server's declaration. */
const FORMS: Record<string, { fields: Field[]; hint?: string; danger?: boolean }> = {
  submit: { fields: [], hint: '提交后由提案委审查；联名提案先请联名人确认。' },
  withdraw: { fields: ['comment'], hint: '撤回后提案不再办理。', danger: true },
  confirm: { fields: ['comment'], hint: '确认作为联名人提出本提案。' },
  refuse: { fields: ['comment'], hint: '拒绝后您不再列为本提案的联名人。', danger: true },
  register: { fields: ['category', 'comment'], hint: '立案后自动编号。' },
  decline: { fields: ['ground', 'requiredComment'], danger: true },
  merge: { fields: ['target', 'comment'], hint: '并案后，本提案的提案人将收到并评价目标提案的答复。' },
  return: { fields: ['requiredComment'], hint: '退回提案人修改后重新提交。' },
  convert: { fields: ['convert', 'comment'], hint: '转为社情民意信息时，自动生成一篇待受理的社情民意信息，与本提案互相关联。' },
  assign: {
    fields: ['assignments', 'dueDate', 'comment'],
    hint: '一个主办单位（可加会办单位），或若干分办单位；时限默认自交办起 3 个月，最长 6 个月。',
  },
  reassign: { fields: ['assignments', 'dueDate', 'comment'], hint: '同意申退，按新的承办单位重新交办。' },
  keep: { fields: ['requiredComment'], hint: '不同意申退，原单位继续办理。' },
  object: { fields: ['reason'], hint: '申退须在交办后规定天数内提出。', danger: true },
  advise: { fields: ['body'], hint: '会办意见将送主办单位。' },
  reply: { fields: ['reply'] },
  review: { fields: ['approve', 'comment'] },
  evaluate: { fields: ['satisfaction', 'comment'] },
  rehandle: { fields: ['dueDate', 'comment'], hint: '退回承办单位重新办理，默认 1 个月内再次答复。' },
  close: { fields: ['comment'], hint: '尚有提案人未评价或不满意时，请写明办结理由。' },
};

interface Values {
  comment?: string;
  category?: string;
  ground?: string;
  targetId?: string;
  convertTo?: string;
  link?: string;
  assignments?: { unitId: string; role: string }[];
  dueDate?: Dayjs;
  reason?: string;
  body?: string;
  classification?: string;
  approve?: boolean;
  satisfaction?: string;
}

function TargetSelect({ proposal, value, onChange }: { proposal: ProposalDetail; value?: string; onChange?: (v: string) => void }) {
  const [q, setQ] = useState('');
  const similar = useQuery({
    queryKey: ['proposals', 'similar', proposal.id],
    queryFn: () =>
      api.get<{ items: { id: string; number: number | null; subject: string }[] }>(
        `/api/v1/proposals/similar${qs({ subject: proposal.subject, body: proposal.body.suggestions.slice(0, 2000), excludeId: proposal.id })}`,
      ),
  });
  const search = useQuery({
    queryKey: ['proposals', 'merge-targets', q],
    queryFn: () =>
      api.get<Page<ProposalListItem>>(
        `/api/v1/proposals${qs({ q, status: 'registered,assigned,objected,reply_review,replied,evaluated,rehandling', pageSize: 20 })}`,
      ),
  });
  const seen = new Set<string>();
  const options = [...(similar.data?.items ?? []), ...(search.data?.items ?? [])]
    .filter((p) => p.id !== proposal.id && !seen.has(p.id) && seen.add(p.id))
    .map((p) => ({ value: p.id, label: `${p.number ? `第${p.number}号 ` : ''}${p.subject}` }));
  return (
    <Select
      value={value}
      onChange={onChange}
      showSearch={{ filterOption: false, onSearch: setQ }}
      options={options}
      placeholder="搜索已立案提案（相似提案排在前面）"
    />
  );
}

/** The form of one workflow action, posted to /api/v1/proposals/{id}/actions/{action}. */
export function ActionDialog({ proposal, action, onClose }: { proposal: ProposalDetail; action: AllowedAction; onClose: () => void }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const meta = useProposalMeta();
  const [form] = Form.useForm<Values>();
  const [fileIds, setFileIds] = useState<string[]>([]);
  const spec = FORMS[action.action] ?? { fields: ['comment'] };
  const has = (f: Field) => spec.fields.includes(f);

  const run = useMutation({
    mutationFn: (v: Values) => {
      const payload: Record<string, unknown> = {};
      if (v.comment) payload.comment = v.comment;
      if (has('category') && v.category) payload.category = v.category;
      if (has('ground')) payload.ground = v.ground;
      if (has('target')) payload.targetId = v.targetId;
      if (has('convert')) Object.assign(payload, { convertTo: v.convertTo, link: v.link || undefined });
      if (has('assignments')) payload.assignments = v.assignments;
      if (has('dueDate') && v.dueDate) payload.dueDate = v.dueDate.format('YYYY-MM-DD');
      if (has('reason')) payload.reason = v.reason;
      if (has('body')) payload.body = v.body;
      if (has('reply'))
        Object.assign(payload, { classification: v.classification, body: v.body, fileIds: fileIds.length ? fileIds : undefined });
      if (has('approve')) payload.approve = v.approve;
      if (has('satisfaction')) payload.satisfaction = v.satisfaction;
      return api.post<ProposalDetail>(`/api/v1/proposals/${proposal.id}/actions/${action.action}`, payload);
    },
    onSuccess: () => {
      message.success(`已${action.label}`);
      void client.invalidateQueries({ queryKey: ['proposal', proposal.id] });
      void client.invalidateQueries({ queryKey: ['proposals'] });
      void client.invalidateQueries({ queryKey: ['todos'] });
      onClose();
    },
    onError: (error: Error) => message.error(error.message),
  });

  const required = (label: string) => [{ required: true, message: `请填写${label}` }];
  return (
    <Modal
      open
      title={action.label}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={`确定${action.label}`}
      okButtonProps={{ danger: spec.danger, loading: run.isPending }}
      cancelText="取消"
      destroyOnHidden
      width={560}
    >
      {spec.hint && <p style={{ color: '#666' }}>{spec.hint}</p>}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => run.mutate(v)}
        initialValues={{ category: proposal.category ?? undefined, assignments: [{ role: 'lead' }], approve: true, convertTo: 'opinion' }}
      >
        {has('category') && (
          <Form.Item name="category" label="类别" rules={required('类别')}>
            <Select options={(meta.data?.categories ?? []).map((c) => ({ value: c, label: c }))} />
          </Form.Item>
        )}
        {has('ground') && (
          <Form.Item name="ground" label="不予立案理由" rules={required('不予立案理由')}>
            <Select options={(meta.data?.declineGrounds ?? []).map((g) => ({ value: g, label: g }))} />
          </Form.Item>
        )}
        {has('target') && (
          <Form.Item name="targetId" label="并入提案" rules={required('并入提案')}>
            <TargetSelect proposal={proposal} />
          </Form.Item>
        )}
        {has('convert') && (
          <>
            <Form.Item name="convertTo" label="转为">
              <Radio.Group options={Object.entries(CONVERT_TARGETS).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
            <Form.Item name="link" label="关联链接（可选）">
              <Input placeholder="转办后记录的链接或编号" />
            </Form.Item>
          </>
        )}
        {has('assignments') && (
          <Form.List name="assignments">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Space key={field.key} align="baseline" wrap style={{ display: 'flex' }}>
                    <Form.Item name={[field.name, 'unitId']} rules={required('承办单位')} style={{ minWidth: 220 }}>
                      <Select
                        aria-label="承办单位"
                        placeholder="承办单位"
                        showSearch={{ optionFilterProp: 'label' }}
                        options={(meta.data?.units ?? []).map((u) => ({ value: u.id, label: u.name }))}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'role']} rules={required('办理方式')}>
                      <Select
                        aria-label="办理方式"
                        style={{ width: 96 }}
                        options={Object.entries(ASSIGNMENT_ROLES).map(([value, label]) => ({ value, label }))}
                      />
                    </Form.Item>
                    {fields.length > 1 && <MinusCircleOutlined aria-label="删除" onClick={() => remove(field.name)} />}
                  </Space>
                ))}
                <Button type="dashed" onClick={() => add({ role: 'joint' })} icon={<PlusOutlined />} style={{ marginBottom: 16 }}>
                  添加承办单位
                </Button>
              </>
            )}
          </Form.List>
        )}
        {has('dueDate') && (
          <Form.Item name="dueDate" label="办理时限（不填按默认）">
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        )}
        {has('reason') && (
          <Form.Item name="reason" label="申退理由" rules={required('申退理由')}>
            <Input.TextArea autoSize={{ minRows: 3 }} />
          </Form.Item>
        )}
        {has('reply') && (
          <>
            <Form.Item name="classification" label="答复类别" rules={[{ required: true, message: '请选择答复类别' }]}>
              <Radio.Group>
                <Space direction="vertical">
                  {Object.entries(REPLY_CLASSES).map(([value, label]) => (
                    <Radio key={value} value={value}>
                      {label}
                    </Radio>
                  ))}
                </Space>
              </Radio.Group>
            </Form.Item>
            <Form.Item name="body" label="答复内容" rules={required('答复内容')}>
              <Input.TextArea autoSize={{ minRows: 6 }} />
            </Form.Item>
            <Form.Item label="答复函附件">
              <FileUpload label="上传答复函" onUploaded={(fileId) => setFileIds((ids) => [...ids, fileId])} />
            </Form.Item>
          </>
        )}
        {has('body') && (
          <Form.Item name="body" label="会办意见" rules={required('会办意见')}>
            <Input.TextArea autoSize={{ minRows: 4 }} />
          </Form.Item>
        )}
        {has('approve') && (
          <Form.Item name="approve" label="审核结果">
            <Radio.Group
              options={[
                { value: true, label: '通过' },
                { value: false, label: '退回修改' },
              ]}
            />
          </Form.Item>
        )}
        {has('satisfaction') && (
          <Form.Item name="satisfaction" label="满意度" rules={[{ required: true, message: '请选择满意度' }]}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              options={Object.entries(SATISFACTION).map(([value, label]) => ({ value, label }))}
            />
          </Form.Item>
        )}
        {(has('comment') || has('requiredComment')) && (
          <Form.Item
            name="comment"
            label={has('requiredComment') ? '意见' : '意见（可选）'}
            rules={has('requiredComment') ? required('意见') : undefined}
          >
            <Input.TextArea autoSize={{ minRows: 2 }} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
