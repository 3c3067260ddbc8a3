import { App, DatePicker, Form, Input, Modal, Radio, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { OPINION_ADOPTION_LABELS, OPINION_LEVELS, OPINION_TITLE_MAX } from '@xieshang/shared';
import { api } from '../../api/client';
import { useOpinionMeta } from './useOpinions';
import type { AllowedAction, OpinionDetail } from './types';

type Field = 'comment' | 'requiredComment' | 'category' | 'text' | 'adopt' | 'reason' | 'target' | 'date' | 'instruct' | 'content';

/** Which fields each action asks for; who may take it is decided by the server's declaration. */
const FORMS: Record<string, { fields: Field[]; hint?: string; danger?: boolean }> = {
  submit: { fields: [], hint: '报送后由信息工作部门受理。' },
  withdraw: { fields: ['comment'], hint: '撤回后信息不再办理。', danger: true },
  return: { fields: ['requiredComment'], hint: '退回作者修改后重新报送。' },
  accept: { fields: ['category', 'comment'] },
  edit: { fields: ['text', 'comment'], hint: '编辑稿另存为新版本，作者的原稿始终保留、可以查看。' },
  adopt: { fields: ['adopt', 'date', 'comment'], hint: '同一篇信息可先后被区、市、全国政协采用，每个层级记录一次。' },
  decline: { fields: ['reason'], danger: true },
  forward: { fields: ['target', 'date', 'comment'] },
  instruct: { fields: ['instruct', 'content', 'date'] },
  feedback: { fields: ['content', 'date'], hint: '记录有关部门落实领导批示的情况。' },
  close: { fields: ['comment'] },
};

interface Values {
  comment?: string;
  category?: string;
  title?: string;
  situation?: string;
  analysis?: string;
  suggestions?: string;
  level?: string;
  outlet?: string;
  reason?: string;
  target?: string;
  date?: Dayjs;
  leaderName?: string;
  leaderTitle?: string;
  content?: string;
}

/** The form of one workflow action, posted to /api/v1/opinions/{id}/actions/{action}. */
export function ActionDialog({ report, action, onClose }: { report: OpinionDetail; action: AllowedAction; onClose: () => void }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const meta = useOpinionMeta();
  const [form] = Form.useForm<Values>();
  const spec = FORMS[action.action] ?? { fields: ['comment'] };
  const has = (f: Field) => spec.fields.includes(f);
  // A leader's own instruction carries their name; the office names the leader whose instruction came on paper.
  const recordsForLeader = report.canManage;

  const run = useMutation({
    mutationFn: (v: Values) => {
      const payload: Record<string, unknown> = {};
      if (v.comment) payload.comment = v.comment;
      if (has('category') && v.category) payload.category = v.category;
      if (has('text'))
        Object.assign(payload, { title: v.title, body: { situation: v.situation, analysis: v.analysis, suggestions: v.suggestions } });
      if (has('adopt')) Object.assign(payload, { level: v.level, outlet: v.outlet || undefined });
      if (has('reason')) payload.reason = v.reason;
      if (has('target')) payload.target = v.target;
      if (has('date') && v.date) payload.date = v.date.format('YYYY-MM-DD');
      if (has('instruct'))
        Object.assign(payload, { level: v.level, leaderName: v.leaderName || undefined, leaderTitle: v.leaderTitle || undefined });
      if (has('content')) payload.content = v.content;
      return api.post<OpinionDetail>(`/api/v1/opinions/${report.id}/actions/${action.action}`, payload);
    },
    onSuccess: () => {
      message.success(`已${action.label}`);
      void client.invalidateQueries({ queryKey: ['opinion', report.id] });
      void client.invalidateQueries({ queryKey: ['opinions'] });
      void client.invalidateQueries({ queryKey: ['todos'] });
      onClose();
    },
    onError: (error: Error) => message.error(error.message),
  });

  const required = (label: string) => [{ required: true, message: `请填写${label}` }];
  const adoptedLevels = new Set(report.adoptions.map((a) => a.level));
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
      width={has('text') ? 720 : 560}
    >
      {spec.hint && <p style={{ color: '#666' }}>{spec.hint}</p>}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => run.mutate(v)}
        initialValues={{
          category: report.category,
          ...report.current,
          level: has('adopt') ? (['district', 'city', 'national'].find((l) => !adoptedLevels.has(l)) ?? 'district') : 'district',
        }}
      >
        {has('category') && (
          <Form.Item name="category" label="类别" rules={required('类别')}>
            <Select options={(meta.data?.categories ?? []).map((c) => ({ value: c, label: c }))} />
          </Form.Item>
        )}
        {has('text') && (
          <>
            <Form.Item
              name="title"
              label="标题"
              rules={[...required('标题'), { max: OPINION_TITLE_MAX, message: `标题不能超过 ${OPINION_TITLE_MAX} 个字` }]}
            >
              <Input maxLength={OPINION_TITLE_MAX} showCount />
            </Form.Item>
            <Form.Item name="situation" label="情况" rules={required('情况')}>
              <Input.TextArea autoSize={{ minRows: 3 }} />
            </Form.Item>
            <Form.Item name="analysis" label="分析" rules={required('分析')}>
              <Input.TextArea autoSize={{ minRows: 3 }} />
            </Form.Item>
            <Form.Item name="suggestions" label="建议" rules={required('建议')}>
              <Input.TextArea autoSize={{ minRows: 3 }} />
            </Form.Item>
          </>
        )}
        {has('adopt') && (
          <>
            <Form.Item name="level" label="采用层级" rules={[{ required: true, message: '请选择采用层级' }]}>
              <Radio.Group
                optionType="button"
                options={Object.entries(OPINION_ADOPTION_LABELS).map(([value, label]) => ({
                  value,
                  label,
                  disabled: adoptedLevels.has(value),
                }))}
              />
            </Form.Item>
            <Form.Item name="outlet" label="采用刊物（可选）">
              <Input maxLength={100} placeholder="如《社情民意》专刊、市政协《社情民意》" />
            </Form.Item>
          </>
        )}
        {has('instruct') && (
          <>
            {recordsForLeader && (
              <>
                <Form.Item name="leaderName" label="批示领导" rules={required('批示领导')}>
                  <Input maxLength={50} />
                </Form.Item>
                <Form.Item name="leaderTitle" label="领导职务（可选）">
                  <Input maxLength={50} />
                </Form.Item>
              </>
            )}
            <Form.Item name="level" label="批示层级">
              <Radio.Group optionType="button" options={Object.entries(OPINION_LEVELS).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
          </>
        )}
        {has('reason') && (
          <Form.Item name="reason" label="不予采用理由" rules={required('不予采用理由')}>
            <Input.TextArea autoSize={{ minRows: 3 }} />
          </Form.Item>
        )}
        {has('target') && (
          <Form.Item name="target" label="报送对象" rules={required('报送对象')}>
            <Input maxLength={100} placeholder="如区委办公室、区政府办公室、市政协研究室" />
          </Form.Item>
        )}
        {has('content') && (
          <Form.Item
            name="content"
            label={action.action === 'instruct' ? '批示内容' : '落实情况'}
            rules={required(action.action === 'instruct' ? '批示内容' : '落实情况')}
          >
            <Input.TextArea autoSize={{ minRows: 3 }} />
          </Form.Item>
        )}
        {has('date') && (
          <Form.Item name="date" label="日期（不填为今天）">
            <DatePicker style={{ width: '100%' }} />
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
