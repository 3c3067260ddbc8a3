import { useEffect, useState } from 'react';
import { App, Button, Card, Form, Input, Radio, Select, Space, Spin, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { COLLECTIVE_ORG_TYPES, PROPOSAL_SUBJECT_MAX } from '@xieshang/shared';
import { FileUpload } from '../../components/FileUpload';
import { ThreePartBody } from '../../components/ThreePartBody';
import { api, qs } from '../../api/client';
import { StatusTag } from './parts';
import { useProposalMeta } from './useProposals';
import type { ProposalDetail } from './types';

interface Values {
  subject: string;
  kind: 'individual' | 'joint' | 'collective';
  coSignerIds?: string[];
  collectiveOrgType?: 'party' | 'sector' | 'committee';
  collectiveOrgId?: string;
  category?: string;
  session: 'plenary' | 'interim';
  plenaryId?: string;
  situation: string;
  analysis: string;
  suggestions: string;
}

interface Structure {
  sectors: { id: string; name: string }[];
  parties: { id: string; name: string }[];
  committees: { id: string; name: string }[];
}

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setV(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return v;
}

/** 撰写提案: a new draft, or the edit of a draft or returned proposal; similar proposals show while typing. */
export default function ProposalFormPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const meta = useProposalMeta();
  const existing = useQuery({
    queryKey: ['proposal', id],
    queryFn: () => api.get<ProposalDetail>(`/api/v1/proposals/${id}`),
    enabled: Boolean(id),
  });
  const structure = useQuery({
    queryKey: ['org', 'structure'],
    queryFn: () => api.get<Structure>('/api/v1/org/structure'),
    staleTime: 300_000,
  });
  const [memberQuery, setMemberQuery] = useState('');
  const debouncedMember = useDebounced(memberQuery, 250);
  const members = useQuery({
    queryKey: ['proposals', 'member-options', debouncedMember],
    queryFn: () =>
      api.get<{ items: { id: string; name: string; sector: string | null }[] }>(
        `/api/v1/proposals/member-options${qs({ q: debouncedMember })}`,
      ),
  });
  const [fileIds, setFileIds] = useState<string[]>([]);
  const kind = Form.useWatch('kind', form);
  const orgType = Form.useWatch('collectiveOrgType', form);
  const session = Form.useWatch('session', form);
  const subject = useDebounced(Form.useWatch('subject', form) ?? '', 500);
  const suggestions = useDebounced(Form.useWatch('suggestions', form) ?? '', 500);
  const similar = useQuery({
    queryKey: ['proposals', 'similar', subject, suggestions],
    queryFn: () =>
      api.get<{ items: { id: string; number: number | null; subject: string; status: string; statusLabel: string; score: number }[] }>(
        `/api/v1/proposals/similar${qs({ subject, body: suggestions.slice(0, 2000), excludeId: id })}`,
      ),
    enabled: subject.trim().length >= 4,
  });

  useEffect(() => {
    const p = existing.data;
    if (!p) return;
    form.setFieldsValue({
      subject: p.subject,
      kind: p.kind,
      coSignerIds: p.proposers.filter((x) => x.role === 'cosigner').map((x) => x.memberId),
      collectiveOrgType: (p.collectiveOrgType ?? undefined) as Values['collectiveOrgType'],
      collectiveOrgId: p.collectiveOrgId ?? undefined,
      category: p.category ?? undefined,
      session: p.session,
      plenaryId: p.plenaryId ?? undefined,
      ...p.body,
    });
  }, [existing.data, form]);

  const save = useMutation({
    mutationFn: async ({ values, submit }: { values: Values; submit: boolean }) => {
      const payload = {
        subject: values.subject,
        kind: values.kind,
        body: { situation: values.situation, analysis: values.analysis, suggestions: values.suggestions },
        coSignerIds: values.kind === 'joint' ? (values.coSignerIds ?? []) : undefined,
        collectiveOrgType: values.kind === 'collective' ? values.collectiveOrgType : undefined,
        collectiveOrgId: values.kind === 'collective' ? values.collectiveOrgId : undefined,
        category: values.category,
        session: values.session,
        plenaryId: values.session === 'plenary' ? values.plenaryId : undefined,
        fileIds: fileIds.length ? fileIds : undefined,
      };
      const proposalId = id ?? (await api.post<{ id: string }>('/api/v1/proposals', payload)).id;
      if (id) await api.patch(`/api/v1/proposals/${id}`, payload);
      if (submit) await api.post(`/api/v1/proposals/${proposalId}/actions/submit`, {});
      return proposalId;
    },
    onSuccess: (proposalId, { submit }) => {
      message.success(submit ? '提案已提交' : '草稿已保存');
      void client.invalidateQueries({ queryKey: ['proposals'] });
      void client.invalidateQueries({ queryKey: ['proposal', proposalId] });
      navigate(`/proposals/${proposalId}`);
    },
    onError: (error: Error) => message.error(error.message),
  });

  if (id && existing.isLoading) return <Spin style={{ display: 'block', margin: 48 }} />;
  const orgOptions =
    orgType === 'party'
      ? structure.data?.parties
      : orgType === 'sector'
        ? structure.data?.sectors
        : orgType === 'committee'
          ? structure.data?.committees
          : [];
  const existingCosigners =
    existing.data?.proposers.filter((x) => x.role === 'cosigner').map((x) => ({ value: x.memberId, label: x.name })) ?? [];
  const memberOptions = [
    ...existingCosigners,
    ...(members.data?.items ?? [])
      .filter((m) => !existingCosigners.some((e) => e.value === m.id))
      .map((m) => ({ value: m.id, label: m.sector ? `${m.name}（${m.sector}）` : m.name })),
  ];

  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {id ? '修改提案' : '撰写提案'}
        </Typography.Title>
      }
    >
      {existing.data?.status === 'returned' && (
        <Typography.Paragraph type="warning">提案已被退回修改，请根据意见修改后重新提交（意见见提案详情的办理记录）。</Typography.Paragraph>
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: 'individual', session: 'interim' }}
        onFinish={(values) => save.mutate({ values, submit: true })}
        scrollToFirstError
      >
        <Form.Item
          name="subject"
          label="案由"
          rules={[
            { required: true, message: '请填写案由' },
            { max: PROPOSAL_SUBJECT_MAX, message: `案由不能超过 ${PROPOSAL_SUBJECT_MAX} 个字` },
          ]}
          extra="一事一案，简明扼要，如「关于……的建议」"
        >
          <Input maxLength={PROPOSAL_SUBJECT_MAX} showCount placeholder="关于……的建议" />
        </Form.Item>
        {similar.data && similar.data.items.length > 0 && (
          <div className="xs-prop-similar" data-testid="similar-proposals">
            <Typography.Text strong>本届已有相似提案，请避免重复：</Typography.Text>
            {similar.data.items.map((s) => (
              <div key={s.id}>
                {s.number ? `第 ${s.number} 号 ` : ''}
                {s.subject} <StatusTag status={s.status} label={s.statusLabel} />
              </div>
            ))}
          </div>
        )}
        <Form.Item name="kind" label="提案形式" rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'individual', label: '个人' },
              { value: 'joint', label: '联名' },
              { value: 'collective', label: '集体' },
            ]}
          />
        </Form.Item>
        {kind === 'joint' && (
          <Form.Item
            name="coSignerIds"
            label="联名人"
            rules={[{ required: true, message: '联名提案请选择联名人' }]}
            extra="联名人须在确认期限内确认，逾期未确认的不列为提案人"
          >
            <Select
              mode="multiple"
              showSearch={{ filterOption: false, onSearch: setMemberQuery }}
              options={memberOptions}
              placeholder="输入姓名或拼音搜索委员"
            />
          </Form.Item>
        )}
        {kind === 'collective' && (
          <Space wrap style={{ width: '100%' }} align="start">
            <Form.Item name="collectiveOrgType" label="以何名义" rules={[{ required: true, message: '请选择' }]}>
              <Select
                style={{ minWidth: 140 }}
                options={Object.entries(COLLECTIVE_ORG_TYPES).map(([value, label]) => ({ value, label }))}
                onChange={() => form.setFieldValue('collectiveOrgId', undefined)}
              />
            </Form.Item>
            <Form.Item name="collectiveOrgId" label="提案单位" rules={[{ required: true, message: '请选择提案单位' }]}>
              <Select style={{ minWidth: 200 }} options={(orgOptions ?? []).map((o) => ({ value: o.id, label: o.name }))} />
            </Form.Item>
          </Space>
        )}
        <Space wrap style={{ width: '100%' }} align="start">
          <Form.Item name="category" label="类别（可由提案委确定）">
            <Select allowClear style={{ minWidth: 160 }} options={(meta.data?.categories ?? []).map((c) => ({ value: c, label: c }))} />
          </Form.Item>
          <Form.Item name="session" label="提出时间">
            <Radio.Group
              options={[
                { value: 'plenary', label: '大会期间' },
                { value: 'interim', label: '平时' },
              ]}
            />
          </Form.Item>
          {session === 'plenary' && (meta.data?.plenaries.length ?? 0) > 0 && (
            <Form.Item name="plenaryId" label="会议">
              <Select
                allowClear
                style={{ minWidth: 200 }}
                placeholder="本届全体会议"
                options={meta.data!.plenaries.map((p) => ({ value: p.id, label: p.name }))}
              />
            </Form.Item>
          )}
        </Space>
        <ThreePartBody hints={{ situation: '问题的基本情况', analysis: '问题的原因分析' }} />
        <Form.Item label="附件">
          <FileUpload label="上传附件" onUploaded={(fileId) => setFileIds((ids) => [...ids, fileId])} />
        </Form.Item>
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            提交提案
          </Button>
          <Button
            loading={save.isPending}
            onClick={async () => {
              const values = await form.validateFields();
              save.mutate({ values, submit: false });
            }}
          >
            保存草稿
          </Button>
          <Link to={id ? `/proposals/${id}` : '/proposals/mine'}>
            <Button type="link">取消</Button>
          </Link>
        </Space>
      </Form>
    </Card>
  );
}
