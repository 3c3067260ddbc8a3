import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Collapse, Input, InputNumber, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import {
  PLAN_TARGET_KIND_LABELS,
  type PlanNameKind,
  type PlanNameMapping,
  type PlanNameMatch,
  type PlanTargetKind,
} from '@xieshang/shared';
import { api } from '../../api/client';
import { sectionHeading } from './parts';
import type { DraftItem, ImportPreview, PlanDraft } from './types';

const KIND_LABELS: Record<PlanNameKind, string> = { leader: '责任领导', department: '主责部门', organizer: '活动承办' };
const TARGET_KINDS: Record<PlanNameKind, PlanTargetKind[]> = {
  leader: ['member'],
  department: ['department'],
  organizer: ['committee', 'sector', 'department'],
};
const IGNORE = 'ignore';
const keyOf = (m: { kind: string; name: string }) => `${m.kind}:${m.name}`;
const splitNames = (value: string) => value.split(/[、，,;；\s]+/).filter(Boolean);

/** 导入工作要点: upload the document, check what was read and how names were matched, then confirm. */
export default function PlanImportPage() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [draft, setDraft] = useState<PlanDraft | null>(null);
  const [choices, setChoices] = useState<Record<string, string>>({});
  const [remember, setRemember] = useState(true);
  const [replaceDraft, setReplaceDraft] = useState(false);

  const upload = useMutation({
    mutationFn: (file: File) => api.upload<ImportPreview>('/api/v1/plans/import/preview', file),
    onSuccess: (data) => {
      setPreview(data);
      setDraft(data.plan);
      setChoices({});
    },
    onError: (error) => message.error(error.message),
  });

  const confirm = useMutation({
    mutationFn: () => {
      const mappings: PlanNameMapping[] = Object.entries(choices).map(([key, value]) => {
        const [kind, ...rest] = key.split(':');
        const name = rest.join(':');
        if (value === IGNORE) return { kind: kind as PlanNameKind, name, action: 'ignore' };
        const [targetKind, recordId] = value.split(':');
        return { kind: kind as PlanNameKind, name, action: 'map', targetKind: targetKind as PlanTargetKind, recordId, remember };
      });
      return api.post<{ id: string; items: number; activities: number }>('/api/v1/plans/import/confirm', {
        plan: draft,
        mappings,
        sourceFileName: preview?.sourceFileName ?? null,
        replaceDraft,
      });
    },
    onSuccess: (result) => {
      message.success(`已导入 ${result.items} 项工作要点、${result.activities} 项活动安排`);
      void client.invalidateQueries({ queryKey: ['plans'] });
      navigate(`/plan/${result.id}`);
    },
    onError: (error) => message.error(error.message),
  });

  const unmatched = useMemo(() => preview?.names.filter((n) => n.targets.length === 0) ?? [], [preview]);

  const setItem = (s: number, i: number, patch: Partial<DraftItem>) =>
    setDraft(
      (d) =>
        d && {
          ...d,
          sections: d.sections.map((sec, si) =>
            si !== s ? sec : { ...sec, items: sec.items.map((it, ii) => (ii === i ? { ...it, ...patch } : it)) },
          ),
        },
    );

  const optionsFor = (match: PlanNameMatch) => {
    if (!preview) return [];
    const suggested = new Set(match.candidates.map((c) => `${c.kind}:${c.id}`));
    const label = (kind: PlanTargetKind, name: string) => `${name}（${PLAN_TARGET_KIND_LABELS[kind]}）`;
    return [
      { label: '不关联（仅保留原文）', value: IGNORE },
      ...(match.candidates.length
        ? [{ label: '最接近', options: match.candidates.map((c) => ({ label: label(c.kind, c.name), value: `${c.kind}:${c.id}` })) }]
        : []),
      ...TARGET_KINDS[match.kind].map((kind) => ({
        label: PLAN_TARGET_KIND_LABELS[kind],
        options: preview.options[kind]
          .filter((o) => !suggested.has(`${kind}:${o.id}`))
          .map((o) => ({ label: label(kind, o.name), value: `${kind}:${o.id}` })),
      })),
    ];
  };

  if (!preview || !draft) {
    return (
      <Card title="导入工作要点">
        <Typography.Paragraph type="secondary">
          上传常委会工作要点文件（.docx 或
          .txt），系统识别各部分、条目、责任领导、主责部门、完成时限和附件中的活动安排，确认后生成可督办的工作要点。
        </Typography.Paragraph>
        <Upload.Dragger
          accept=".txt,.docx"
          maxCount={1}
          showUploadList={false}
          disabled={upload.isPending}
          beforeUpload={(file) => {
            upload.mutate(file);
            return false;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{upload.isPending ? '正在识别…' : '点击或拖入工作要点文件'}</p>
        </Upload.Dragger>
      </Card>
    );
  }

  const activePlan = preview.existingPlans.find((p) => p.status !== 'draft');
  const draftPlan = preview.existingPlans.find((p) => p.status === 'draft');
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card title="识别结果" extra={<Button onClick={() => setPreview(null)}>重新上传</Button>}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Input addonBefore="标题" value={draft.title} onChange={(e) => setDraft({ ...draft, title: e.target.value })} />
          <Space wrap>
            <span>年度</span>
            <InputNumber
              aria-label="年度"
              min={1990}
              max={2100}
              value={draft.year ?? undefined}
              onChange={(v) => setDraft({ ...draft, year: v ?? null })}
            />
            <span>文号 {draft.documentNumber ?? '—'}</span>
            <span>通过日期 {draft.adoptedOn ?? '—'}</span>
          </Space>
          <Typography.Text>
            共 {preview.counts.sections} 个部分、{preview.counts.items} 项条目、{preview.counts.activities} 项活动安排；{unmatched.length}{' '}
            个名称未能对应
          </Typography.Text>
          {preview.warnings.length > 0 && (
            <Alert
              type="warning"
              showIcon
              message={`有 ${preview.warnings.length} 处需要核对`}
              description={
                <ul style={{ paddingLeft: 16, margin: 0 }}>
                  {preview.warnings.map((w, i) => (
                    <li key={i}>
                      第 {w.line} 行：{w.message}
                    </li>
                  ))}
                </ul>
              }
            />
          )}
          {activePlan && <Alert type="error" showIcon message={`该年度已有生效的工作要点「${activePlan.title}」，不能重复导入`} />}
          {draftPlan && (
            <Checkbox checked={replaceDraft} onChange={(e) => setReplaceDraft(e.target.checked)}>
              替换该年度已有的草稿「{draftPlan.title}」
            </Checkbox>
          )}
        </Space>
      </Card>

      <Card title={`名称对应（${unmatched.length} 个待处理）`} className="xs-plan-mapping">
        {unmatched.length ? (
          <>
            <Table
              rowKey={keyOf}
              size="small"
              pagination={false}
              dataSource={unmatched}
              scroll={{ x: 'max-content' }}
              columns={[
                { title: '类别', dataIndex: 'kind', width: 80, render: (k: PlanNameKind) => <Tag>{KIND_LABELS[k]}</Tag> },
                { title: '文件中的名称', dataIndex: 'name', width: 140 },
                {
                  title: '对应到',
                  render: (_: unknown, m: PlanNameMatch) => (
                    <Select
                      aria-label={`对应「${m.name}」`}
                      style={{ minWidth: 200 }}
                      showSearch
                      optionFilterProp="label"
                      value={choices[keyOf(m)] ?? IGNORE}
                      options={optionsFor(m)}
                      onChange={(value) => setChoices({ ...choices, [keyOf(m)]: value })}
                    />
                  ),
                },
              ]}
            />
            <Checkbox checked={remember} onChange={(e) => setRemember(e.target.checked)} style={{ marginTop: 8 }}>
              记住这些对应，以后导入时自动识别
            </Checkbox>
          </>
        ) : (
          <Typography.Text type="success">所有领导、部门和承办单位均已对应</Typography.Text>
        )}
      </Card>

      <Card title="条目（可修改）">
        <Collapse
          items={draft.sections.map((section, s) => ({
            key: String(s),
            label: `${sectionHeading(section.no, section.title)}（${section.items.length} 项）`,
            children: section.items.map((item, i) => (
              <div key={i} className="xs-plan-item">
                <Typography.Text strong>第 {item.no} 项</Typography.Text>
                <Input.TextArea
                  aria-label={`第 ${item.no} 项内容`}
                  autoSize={{ minRows: 2, maxRows: 8 }}
                  value={item.content}
                  onChange={(e) => setItem(s, i, { content: e.target.value })}
                />
                <Space wrap style={{ marginTop: 6, width: '100%' }}>
                  <Input
                    addonBefore="责任领导"
                    value={item.leaders.join('、')}
                    onChange={(e) => setItem(s, i, { leaders: splitNames(e.target.value) })}
                  />
                  <Input
                    addonBefore="主责部门"
                    value={item.departments.join('、')}
                    onChange={(e) => setItem(s, i, { departments: splitNames(e.target.value) })}
                  />
                  <Input
                    addonBefore="完成时限"
                    value={item.deadline?.text ?? ''}
                    onChange={(e) => setItem(s, i, { deadline: { text: e.target.value, date: item.deadline?.date ?? null } })}
                  />
                  <Input
                    type="date"
                    aria-label={`第 ${item.no} 项截止日期`}
                    value={item.deadline?.date ?? ''}
                    onChange={(e) => setItem(s, i, { deadline: { text: item.deadline?.text ?? '', date: e.target.value || null } })}
                  />
                </Space>
              </div>
            )),
          }))}
        />
      </Card>

      <Card title={`活动安排（${draft.activities.length} 项，导入后列入年度活动计划）`}>
        <Table
          rowKey={(a) => `${a.category}-${a.subcategory}-${a.no}`}
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={draft.activities}
          columns={[
            { title: '类别', render: (_: unknown, a) => `${a.category}${a.subcategory ? ` · ${a.subcategory}` : ''}` },
            { title: '序号', dataIndex: 'no', width: 60 },
            { title: '活动', dataIndex: 'title' },
            { title: '承办', render: (_: unknown, a) => a.organizers.join('、') },
            { title: '时间', render: (_: unknown, a) => a.period?.text ?? '' },
          ]}
        />
      </Card>

      <Button
        type="primary"
        size="large"
        block
        loading={confirm.isPending}
        disabled={Boolean(activePlan) || !draft.year}
        onClick={() => confirm.mutate()}
      >
        确认导入
      </Button>
    </Space>
  );
}
